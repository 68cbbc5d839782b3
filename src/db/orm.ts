import { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logger.js';
import { ormConfig } from './orm.config.js';

/**
 * Opens the ORM on `clientUrl` and, unless `migrate` is false, applies pending migrations.
 * @throws the driver's error when the database is unreachable, or the migration's error (nothing applied).
 */
export async function initOrm(clientUrl: string, options: { migrate: boolean; logger: Logger }): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(clientUrl));
  if (options.migrate) {
    const applied = await orm.getMigrator().up();
    if (applied.length > 0) {
      options.logger.info({ migrations: applied.map((m) => m.name) }, 'applied database migrations');
    }
  }
  return orm;
}

export { MikroORM };
