import type { Config } from '../config.js';
import { migrate, openDialect, storeLocation } from '../store/open-store.js';

export async function runMigrate(config: Readonly<Config>): Promise<number> {
  const location = storeLocation(config);
  const dialect = await openDialect(location);
  try {
    const report = await migrate(dialect);
    process.stdout.write(
      report.applied.length > 0 ? `Applied ${report.applied.length} migration(s): ${report.applied.join(', ')}\n` : `The ${location.engine} store is up to date.\n`,
    );
    return 0;
  } finally {
    await dialect.destroy();
  }
}
