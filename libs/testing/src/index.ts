export * from './config';
export * from './database';
export * from './factories';
export * from './redis';
export * from './wait-for';
