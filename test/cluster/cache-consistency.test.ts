import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { skipUnless } from '../helpers/engines.js';
import { skipUnlessNginx } from '../helpers/nginx.js';
import { describeStale, EditHistory } from './edit-history.js';
import { INSTANCE_NAMES, startCluster, type Cluster, type InstanceName } from './harness.js';
import { request, signIn, type Answer, type Newsroom } from './http.js';
import { publicPages } from './page-observations.js';
import { Lags, PageReads, type Conditional, type Target } from './page-reads.js';
import { privatePairs, readPair, type PrivatePair } from './private-reads.js';
import { buildSite, randomEdit, type Edit, type SiteModel } from './site-under-edit.js';

/**
 * The response cache's promise, checked on a real cluster: three instances
 * of two workers each on one PostgreSQL, behind nginx. Three editors, one per
 * instance, make random edits through the newsroom API, each on a connection
 * of its own (one keep-alive socket, so one worker process takes all of an
 * editor's edits); an edit is acknowledged when its answer arrives. Readers
 * fetch every public page on each instance directly and through nginx,
 * compressed or not, now and then revalidating the copy they hold. Each read
 * is judged against the history of edits (edit-history.ts): a read started
 * after an edit's answer must show it on the instance that answered (on the
 * editor's own connection, and on any other); on the other instances, one
 * started more than BOUND_MS after it must. The lag actually seen is printed.
 */

/** Edits made in all; CACHE_CONSISTENCY_EDITS makes a quicker or a longer run. */
const EDITS = Number(process.env.CACHE_CONSISTENCY_EDITS ?? 1_000);
if (!Number.isInteger(EDITS) || EDITS < 1) throw new Error(`CACHE_CONSISTENCY_EDITS must be a whole number of edits (got "${process.env.CACHE_CONSISTENCY_EDITS}")`);
/** How long after an edit's answer other instances may still show what it replaced: the change bus's delay, with room for a busy machine. */
const BOUND_MS = 1_000;
const BACKGROUND_READERS = 2;
const POSTS = 9;
/** How long the reads after an edit wait for an instance to show it before they stop looking (the judge has the last word). */
const SETTLE_GIVE_UP_MS = BOUND_MS + 500;
/** Of the other pages an edit touches, how many are read once after it (the background readers read them all). */
const OTHER_PAGES_READ = 2;

const PASSWORD = 'a long enough passphrase';
const ADMIN = 'editor@consistency.example';
const CO_AUTHOR = 'columnist@consistency.example';
const ENCODINGS = ['br, gzip', 'gzip', undefined] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const shuffled = <T>(items: readonly T[]): T[] => items.map((item) => ({ item, key: Math.random() })).sort((x, y) => x.key - y.key).map(({ item }) => item);
const skip = (await skipUnless('postgres')) || skipUnlessNginx();

interface Editor {
  instance: InstanceName;
  staff: Newsroom;
  /** One keep-alive socket: the worker process that takes this editor's edits. */
  agent: Agent;
}

describe(`the response cache on three instances of two workers each, under ${EDITS} edits`, { skip, timeout: 900_000 }, () => {
  let cluster: Cluster;
  let site: SiteModel;
  let history: EditHistory;
  let reads: PageReads;
  let targets: Target[];
  let editors: Editor[];
  let pairs: PrivatePair[];
  const lags = new Lags();
  const refused: string[] = [];
  const privateProblems: string[] = [];
  let privateReads = 0;
  let hasStormRun = false;
  let startup = '';

  before(async () => {
    const started = performance.now();
    cluster = await startCluster({ environment: { WORKERS: '2', PUBLIC_RATE_LIMIT: '0', DATABASE_POOL_MAX: '4' } });
    const results = await cluster.start(INSTANCE_NAMES);
    assert.deepEqual(results.filter((result) => result.problem), [], 'every instance answers /readyz');
    const created = await Promise.all([
      cluster.cli(['user', 'create', '--email', ADMIN, '--name', 'Eda Editor', '--role', 'administrator'], `${PASSWORD}\n`),
      cluster.cli(['user', 'create', '--email', CO_AUTHOR, '--name', 'Cal Columnist', '--role', 'author'], `${PASSWORD}\n`),
    ]);
    for (const result of created) assert.equal(result.code, 0, result.stderr);
    const clusterUp = performance.now() - started;
    const staff = await signIn({ base: cluster.nginx.url, email: ADMIN, password: PASSWORD });
    history = new EditHistory(BOUND_MS);
    site = await buildSite({ cluster, staff, history, postCount: POSTS, staffEmail: ADMIN, coAuthorEmail: CO_AUTHOR });
    pairs = await privatePairs({ site, staff, base: cluster.nginx.url });
    editors = await Promise.all(
      cluster.instances.map(async (instance) => {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        return { instance: instance.name, agent, staff: await signIn({ base: instance.url, email: ADMIN, password: PASSWORD, agent }) };
      }),
    );
    reads = new PageReads({ site, history, pages: publicPages(site), instanceUrls: new Map(cluster.instances.map((instance) => [instance.name, instance.url])) });
    targets = [...cluster.instances.map((instance) => ({ name: instance.name, url: instance.url })), { name: 'nginx', url: cluster.nginx.url }];
    startup = `three instances of two workers up in ${Math.round(clusterUp)} ms, the site built in ${Math.round(performance.now() - started - clusterUp)} ms`;
  });

  after(async () => {
    reads?.close();
    for (const editor of editors ?? []) editor.agent.destroy();
    await cluster?.stop();
  });

  const target = (name: string) => targets.find((one) => one.name === name)!;
  const randomConditional = (): Conditional | undefined => {
    const roll = Math.random();
    return roll < 0.2 ? 'if-none-match' : roll < 0.3 ? 'if-modified-since' : undefined;
  };

  /**
   * After an edit's answer, at once and all together: its most direct page on
   * the editor's own connection, and on each instance two fresh connections
   * at a time (so both workers are asked, the editor's sibling among them)
   * until both show the edit, which is the lag measured; and a few of its
   * other pages, once each.
   */
  async function followEdit(edit: Edit, input: { ackAt: number; editor: Editor }): Promise<void> {
    const [primary, ...others] = edit.pages;
    await Promise.all([
      reads.read({ path: primary!, target: target(input.editor.instance), acceptEncoding: pick(ENCODINGS), editorAgent: input.editor.agent }),
      ...INSTANCE_NAMES.map(async (name) => {
        for (;;) {
          const roundAt = performance.now();
          const found = await Promise.all([0, 1].map(() => reads.read({ path: primary!, target: target(name), acceptEncoding: pick(ENCODINGS), isFreshConnection: true })));
          const isSameInstance = name === input.editor.instance;
          if (!found.some((result) => result.stale.some((stale) => stale.subject === edit.subject))) {
            // A page that does not show the edited thing at all (an unpublished story's address) says nothing of the lag.
            if (found.every((result) => result.subjects.has(edit.subject))) lags.add(isSameInstance, roundAt - input.ackAt);
            return;
          }
          if (roundAt - input.ackAt > SETTLE_GIVE_UP_MS) return lags.add(isSameInstance, Infinity);
          await sleep(5);
        }
      }),
      ...shuffled(others)
        .slice(0, OTHER_PAGES_READ)
        .map((path) => reads.read({ path, target: pick(targets), acceptEncoding: pick(ENCODINGS), conditional: randomConditional() })),
    ]);
  }

  /** Before an edit: its most direct page read on the editor's own connection and on each instance, so that it is kept where a change that fails to drop it would show. */
  async function primeEdit(edit: Edit, editor: Editor): Promise<void> {
    const [primary] = edit.pages;
    await Promise.all([
      reads.read({ path: primary!, target: target(editor.instance), acceptEncoding: pick(ENCODINGS), editorAgent: editor.agent }),
      ...INSTANCE_NAMES.map((name) => reads.read({ path: primary!, target: target(name), acceptEncoding: pick(ENCODINGS), isFreshConnection: true })),
    ]);
  }

  /** Sends one edit and follows it; returns how long its answer took. */
  async function makeEdit(edit: Edit, editor: Editor): Promise<number> {
    await primeEdit(edit, editor);
    const pending = history.begin({ subject: edit.subject, state: edit.state, edit: edit.describe });
    const sentAt = performance.now();
    let answer: Answer;
    try {
      answer = await edit.send(editor.staff);
    } catch (error) {
      pending.refuse();
      refused.push(`${edit.describe}: ${(error as Error).message}`);
      return performance.now() - sentAt;
    }
    if (answer.status < 200 || answer.status >= 300) {
      pending.refuse();
      refused.push(`${edit.describe}: ${answer.status} ${answer.text().slice(0, 300)}`);
      return performance.now() - sentAt;
    }
    pending.acknowledge(answer.headers['x-masthead-instance'] as InstanceName);
    const ackAt = performance.now();
    edit.settle(answer);
    await followEdit(edit, { ackAt, editor });
    return ackAt - sentAt;
  }

  /** What each instance's caches served, summed over a few reads of /readyz (each answered by one of its workers). */
  async function cacheUse(): Promise<string> {
    const seen = new Map<string, { hits: number; misses: number }>();
    const agent = new Agent({ keepAlive: false });
    for (const instance of cluster.instances) {
      for (let i = 0; i < 6; i++) {
        const ready = await request(`${instance.url}/readyz`, { agent });
        const cache = ready.json().responseCache as { hits: number; misses: number } | undefined;
        if (cache) seen.set(`${instance.name} ${cache.hits}/${cache.misses}`, cache);
      }
    }
    agent.destroy();
    const hits = [...seen.values()].reduce((sum, one) => sum + one.hits, 0);
    const misses = [...seen.values()].reduce((sum, one) => sum + one.misses, 0);
    return `${hits} hits and ${misses} misses in the ${seen.size} worker caches /readyz reported`;
  }

  test(`${EDITS} random edits through the newsroom API are all acknowledged while readers fetch the pages they touch`, { timeout: 800_000, todo: 'concurrent re-renders of one post can deadlock on PostgreSQL, failing a caption edit with a 500 (README, Caching and CDNs: known problems)' }, async (t) => {
    const pages = [...publicPages(site).keys()];
    const privateAgent = new Agent({ keepAlive: true, maxSockets: 8 });
    let isEditing = true;
    const started = performance.now();
    const background = Array.from({ length: BACKGROUND_READERS }, async () => {
      while (isEditing) await reads.read({ path: pick(pages), target: pick(targets), acceptEncoding: pick(ENCODINGS), conditional: randomConditional() });
    });
    const privately = (async () => {
      while (isEditing) {
        privateProblems.push(...(await readPair(pick(pairs), { target: pick(targets), acceptEncoding: pick(ENCODINGS), agent: privateAgent })));
        privateReads++;
        await sleep(100);
      }
    })();
    let made = 0;
    let answering = 0;
    const kinds = new Map<string, number>();
    await Promise.all(
      editors.map(async (editor, index) => {
        while (made < EDITS) {
          made++;
          const edit = randomEdit({ site, history, editor: index, editors: editors.length });
          kinds.set(edit.kind, (kinds.get(edit.kind) ?? 0) + 1);
          answering += await makeEdit(edit, editor);
        }
      }),
    );
    const editing = performance.now() - started;
    // Past the bound, every page on every worker must show every edit: one last read of each.
    await sleep(BOUND_MS + 50);
    await Promise.all(
      targets.map(async (one) => {
        for (const path of pages) await Promise.all([0, 1].map(() => reads.read({ path, target: one, acceptEncoding: pick(ENCODINGS), isFreshConnection: true })));
      }),
    );
    isEditing = false;
    await Promise.all([...background, privately]);
    privateAgent.destroy();
    hasStormRun = true;

    t.diagnostic(startup);
    t.diagnostic(`${made} edits (${[...kinds].map(([kind, count]) => `${count} ${kind}`).join(', ')}) in ${Math.round(editing)} ms, ${(made / (editing / 1000)).toFixed(1)} a second; an edit's answer took ${Math.round(answering / made)} ms on average`);
    t.diagnostic(`reads: ${[...reads.counts].map(([how, count]) => `${count} ${how}`).join(', ')}; private pairs read: ${privateReads}; ${await cacheUse()}`);
    t.diagnostic(`time until both workers of an instance showed an edit, on the instance that took it: ${Lags.describe(lags.sameInstance)}`);
    t.diagnostic(`time until both workers of an instance showed an edit, on the other instances: ${Lags.describe(lags.otherInstances)}`);
    const summary = history.summary();
    t.diagnostic(
      `${summary.judged} observations judged; stale reads after an edit's answer: ${summary.staleSameProcess} on the editor's own connection; ` +
        `${summary.staleSameInstance} from the instance that took it (the latest starting ${Math.round(summary.worstSameInstanceLagMs)} ms after the answer); ` +
        `${summary.staleOtherInstances} from other instances (the latest starting ${Math.round(summary.worstOtherLagMs)} ms after the answer)`,
    );
    assert.deepEqual(refused, [], 'every edit is acknowledged');
  });

  test("a read on the editor's own connection (the worker process that took the edit), started after the answer, shows the edit", { todo: 'open bugs found by this test (see the README, Caching and CDNs: known problems): re-renders racing saves, and a sibling worker hearing a change after the answer' }, () => {
    assert.ok(hasStormRun, 'the edits ran');
    assert.deepEqual(history.sameProcess.map(describeStale), []);
  });

  test('any read on the instance that answered an edit, started after the answer, shows the edit, whichever of its workers answers', { todo: 'open bugs found by this test (see the README, Caching and CDNs: known problems): re-renders racing saves, and a sibling worker hearing a change after the answer' }, () => {
    assert.ok(hasStormRun, 'the edits ran');
    assert.deepEqual(history.sameInstance.map(describeStale), []);
  });

  test(`the other instances show every edit within ${BOUND_MS} ms of its answer`, { todo: 'open bugs found by this test (see the README, Caching and CDNs: known problems): re-renders racing saves, and a sibling worker hearing a change after the answer' }, () => {
    assert.ok(hasStormRun, 'the edits ran');
    assert.deepEqual(history.beyondBound().map(describeStale), []);
  });

  test('no page shows a state no edit made (an edit the newsroom refused, a marker never written)', { todo: 'open bugs found by this test (see the README, Caching and CDNs: known problems): re-renders racing saves, and a sibling worker hearing a change after the answer' }, () => {
    assert.ok(hasStormRun, 'the edits ran');
    assert.deepEqual(history.impossible.map(({ read, shows }) => `${read.url} via ${read.target} (answered by ${read.instance}, ${read.how}) showed ${shows}`), []);
  });

  test('every public answer has a strong ETag naming its bytes, Vary: Accept-Encoding and the coding asked for, and shows no secret', () => {
    assert.ok(hasStormRun, 'the edits ran');
    assert.deepEqual(reads.problems, [], `${reads.problemCount} problems`);
  });

  test('private answers (drafts with the session cookie, a preview link, a protected post opened with its password) say no shared cache may keep them, and no anonymous reader is shown them', () => {
    assert.ok(hasStormRun && privateReads > 0, 'the private pages were read');
    assert.deepEqual(privateProblems, []);
  });
});
