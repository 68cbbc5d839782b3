import { fileURLToPath } from 'node:url';
import { DataloaderType, defineConfig, FlushMode, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities.js';

/**
 * Folder of the migrations: `migrations/` next to `src/` when run from source (tests), `dist/migrations/`
 * when run from the build, as the compiled config sits at the same depth.
 */
export const migrationsDir = fileURLToPath(new URL('../../migrations', import.meta.url));

/** MikroORM options for the database at `clientUrl`. */
export function ormConfig(clientUrl: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    forceUtcTimezone: true,
    dataloader: DataloaderType.ALL,
    // Changes are written when a unit of work is flushed or committed (every write here runs in a transaction of its
    // own, platform/transaction.ts), never before a query. The default, AUTO, makes MikroORM track every scalar
    // property through accessors defined on each loaded instance: 27 for an alert, most of its load time.
    flushMode: FlushMode.COMMIT,
    // Loads migration files through the caller's module loader, so TypeScript migrations load under vitest.
    dynamicImportProvider: (id: string) => import(id),
    discovery: { warnWhenNoEntities: true },
    pool: { min: 0, max: 10 },
    migrations: {
      path: migrationsDir,
      glob: '!(*.d).{js,ts}',
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: true,
      snapshotName: '.snapshot-postwatch',
      emit: 'ts',
      silent: true,
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? `_${name}` : ''}`,
    },
    ...overrides,
  });
}
