export * from './hierarchy';
