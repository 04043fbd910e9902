import { DataSource } from 'typeorm';
import { createTestDatabase } from '@ksbb/testing';
import { dataSourceOptions } from './data-source';

describe('entities and migrations', () => {
  it('agree: the schema builder finds nothing to change after all migrations ran', async () => {
    const db = await createTestDatabase();
    const ds = new DataSource({ ...dataSourceOptions({ DATABASE_URL: db.url, DATABASE_POOL_SIZE: 2 }), logging: false });
    await ds.initialize();
    try {
      expect(await ds.showMigrations()).toBe(false);
      const sql = await ds.driver.createSchemaBuilder().log();
      expect(sql.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });

  it('never synchronizes', () => {
    expect(dataSourceOptions({ DATABASE_URL: 'postgres://x@y/z', DATABASE_POOL_SIZE: 1 }).synchronize).toBe(false);
  });
});
