export * from './portfolio-indicators';
export * from './charts';
