export * from './policy';
export * from './templates';
export * from './conduct';
export { localTime, instantOf } from './zoned-time';
