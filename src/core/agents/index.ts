export * from './hierarchy';
export * from './commission-plan';
