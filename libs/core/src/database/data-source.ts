import 'reflect-metadata';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/config';
import { join } from 'node:path';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * Every entity of the domain, found by file name. Only the migrations, the schema check and the seed use it: the
 * apps load the entities that their concerns' modules register (`TypeOrmModule.forFeature` + `autoLoadEntities`).
 */
export const ENTITY_GLOB = join(__dirname, '..', '**', '*.entity.{ts,js}');

export function dataSourceOptions(config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    entities: [ENTITY_GLOB],
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    // TypeORM would print a failed query with its parameters (personal data); errors surface as exceptions and
    // are logged by the API's filter without parameters.
    logging: false,
    extra: { max: config.DATABASE_POOL_SIZE, application_name: 'ksbb' },
  };
}
