import { loadConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import { openDatabase } from '../database.js';
import { initOrm } from '../orm.js';
import { seedDemoData } from '../seed/seed.js';

/**
 * `npm run seed`: migrates the database (DATABASE_URL, or the embedded one) and loads the demo data set.
 * Prints what it did; safe to run twice.
 */
const config = loadConfig();
const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
const database = await openDatabase(config, logger);
try {
  const orm = await initOrm(database.url, { migrate: true, logger });
  try {
    const outcome = await seedDemoData(orm);
    console.log(outcome === 'loaded' ? 'Demo data set loaded.' : 'Demo data set already present: nothing changed.');
  } finally {
    await orm.close(true);
  }
} finally {
  await database.stop();
}
