export * from './hierarchy';
export * from './commission-plan';
export * from './attribution';
export * from './risk-signals';
export * from './agreement';
