export * from './signature';
export * from './event-filter';
export * from './backoff';
export * from './address';
