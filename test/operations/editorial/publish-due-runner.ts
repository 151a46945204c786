import { createInterface } from 'node:readline';
import { fixedClock } from '../../../src/lib/clock.js';
import { openStore, type StoreLocation } from '../../../src/store/open-store.js';
import { publishDuePosts } from '../../../src/operations/editorial/publish-due.js';

/**
 * One scheduler process for the "several processes at once" test: opens the
 * store at the location it is given, says "ready", waits for "go" so that
 * all runners start together, runs publishDuePosts once and prints the ids
 * it published as JSON.
 */
const [locationJson, now] = process.argv.slice(2);
const store = await openStore(JSON.parse(locationJson!) as StoreLocation, { shouldMigrate: false });
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) if (line.trim() === 'go') break;
const report = await publishDuePosts({ store, clock: fixedClock(now!) });
process.stdout.write(`${JSON.stringify({ published: report.published.map((p) => p.id), failed: report.failed.map((f) => String(f.error)) })}\n`);
lines.close();
await store.close();
