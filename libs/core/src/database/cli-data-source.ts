import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { loadEnvironment } from '../config/environment';
import { dataSourceOptions } from './data-source';

/** The data source the TypeORM CLI uses (`npm run db:migration:generate`); not exported, so importing the domain never reads the environment. */
export const AppDataSource = new DataSource(dataSourceOptions((loadEnvironment(), loadConfig())));
