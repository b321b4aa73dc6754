export * from './portfolio-indicators';
