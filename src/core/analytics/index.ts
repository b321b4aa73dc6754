export * from './portfolio-indicators';
export * from './charts';
export * from './concentration';
