import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ormConfig } from '../src/db/orm.config.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

describe('migrations', () => {
  let database: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    database = await createTestDatabase('migrations');
    orm = await MikroORM.init(ormConfig(database.url));
  });

  afterAll(async () => {
    await orm?.close(true);
    await database?.drop();
  });

  it('build, from an empty database, exactly the schema the entities describe', async () => {
    const applied = await orm.getMigrator().up();
    expect(applied.length).toBeGreaterThan(0);
    const pendingDiff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(pendingDiff).toBe('');
    expect(await orm.getMigrator().checkMigrationNeeded()).toBe(false);
  });

  it('roll back to an empty schema and apply again', async () => {
    await orm.getMigrator().down({ to: 0 });
    const tables = await orm.em.getConnection().execute<{ n: string }[]>(
      `select count(*)::text as n from information_schema.tables where table_schema = 'public' and table_name <> 'mikro_orm_migrations'`,
    );
    expect(tables[0]!.n).toBe('0');
    await orm.getMigrator().up();
    expect(await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })).toBe('');
  });
});
