import { fileURLToPath } from 'node:url';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import { openDatabase } from '../database.js';
import { ormConfig } from '../orm.config.js';

/**
 * `npm run migration:create [-- name] [--blank]`: diffs the entities against the migrations' snapshot and
 * writes a new TypeScript migration into the source folder `migrations/` (not the build); with `--blank`, an
 * empty one for SQL the entities cannot describe (triggers). Needs a database to connect to: DATABASE_URL,
 * or the embedded one.
 */
const sourceMigrations = fileURLToPath(new URL('../../../../migrations', import.meta.url));
const config = loadConfig();
const database = await openDatabase(config, createLogger('warn'));
try {
  const base = ormConfig(database.url);
  const orm = await MikroORM.init({ ...base, migrations: { ...base.migrations, path: sourceMigrations } });
  try {
    const args = process.argv.slice(2);
    const blank = args.includes('--blank');
    const name = args.find((arg) => !arg.startsWith('--'));
    const result = await orm.getMigrator().createMigration(sourceMigrations, blank, false, name);
    console.log(result.fileName ? `created migrations/${result.fileName}` : 'entities match the migrations: nothing to create');
  } finally {
    await orm.close(true);
  }
} finally {
  await database.stop();
}
