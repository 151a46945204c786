import { Agent } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { EditHistory, Observation, Read, Stale } from './edit-history.js';
import type { InstanceName } from './harness.js';
import { request, type Answer } from './http.js';
import { observe, transportProblems, type PageRole, type Shown } from './page-observations.js';
import type { SiteModel } from './site-under-edit.js';

/**
 * Readers of the public site: each read goes to one instance directly or
 * through nginx, asks for brotli and gzip, gzip alone or neither, and
 * sometimes revalidates the copy it holds (If-None-Match, or
 * If-Modified-Since alone as some feed readers and crawlers send it). A 304
 * means "your copy is current", so the copy is what the reader shows: it is
 * judged again, at the moment of the 304. Every read's observations go to
 * the edit history's judge.
 */

export interface Target {
  name: string;
  url: string;
}

export type Conditional = 'if-none-match' | 'if-modified-since';

export interface ReadOptions {
  path: string;
  target: Target;
  acceptEncoding?: string;
  conditional?: Conditional;
  /** A connection of its own, handed to whichever worker the instance picks; by default the target's keep-alive connections. */
  isFreshConnection?: boolean;
  /** The connection that carried the edits (one keep-alive socket, so the worker process that took them). */
  editorAgent?: Agent;
}

export interface ReadResult {
  stale: Stale[];
  /** The subjects the page showed, stale or not. */
  subjects: ReadonlySet<string>;
}

const NOTHING_READ: ReadResult = { stale: [], subjects: new Set() };

interface Copy {
  etag?: string;
  lastModified?: string;
  observations: Observation[];
}

const PROBLEMS_KEPT = 40;

function decode(answer: Answer): Buffer {
  const coding = answer.headers['content-encoding'];
  return coding === 'br' ? brotliDecompressSync(answer.body) : coding === 'gzip' ? gunzipSync(answer.body) : answer.body;
}

export class PageReads {
  private readonly agents = new Map<string, Agent>();
  private readonly fresh = new Agent({ keepAlive: false });
  private readonly copies = new Map<string, Copy>();
  readonly problems: string[] = [];
  problemCount = 0;
  readonly counts = new Map<string, number>();

  constructor(
    private readonly input: { site: SiteModel; history: EditHistory; pages: Map<string, PageRole>; instanceUrls: Map<InstanceName, string> },
  ) {}

  private agentFor(target: Target): Agent {
    let agent = this.agents.get(target.name);
    if (!agent) this.agents.set(target.name, (agent = new Agent({ keepAlive: true, maxSockets: 4 })));
    return agent;
  }

  private problem(text: string): void {
    this.problemCount++;
    if (this.problems.length < PROBLEMS_KEPT) this.problems.push(text);
  }

  private count(how: string): void {
    this.counts.set(how, (this.counts.get(how) ?? 0) + 1);
  }

  /** Reads one page and judges what it shows; returns what it showed stale, and of what it showed anything. */
  async read(options: ReadOptions): Promise<ReadResult> {
    const { path, target, acceptEncoding, conditional } = options;
    const role = this.input.pages.get(path);
    if (!role) throw new Error(`no page ${path}`);
    const key = `${target.name} ${path} ${acceptEncoding ?? 'identity'}`;
    const copy = this.copies.get(key);
    const headers: Record<string, string> = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
    if (conditional === 'if-none-match' && copy?.etag) headers['if-none-match'] = copy.etag;
    if (conditional === 'if-modified-since' && copy?.lastModified) headers['if-modified-since'] = copy.lastModified;
    const asked = headers['if-none-match'] ? 'if-none-match' : headers['if-modified-since'] ? 'if-modified-since' : undefined;
    const where = `${path} via ${target.name} (${acceptEncoding ?? 'identity'}${asked ? `, ${asked}` : ''})`;

    const startedAt = performance.now();
    let answer: Answer;
    try {
      const agent = options.editorAgent ?? (options.isFreshConnection ? this.fresh : this.agentFor(target));
      answer = await request(`${target.url}${path}`, { headers, agent, timeoutMs: 15_000 });
    } catch (error) {
      this.problem(`${where}: ${(error as Error).message}`);
      return NOTHING_READ;
    }
    const instance = answer.headers['x-masthead-instance'] as InstanceName | undefined;
    if (!instance) {
      this.problem(`${where}: answered ${answer.status} without saying which instance answered`);
      return NOTHING_READ;
    }
    let observations: Observation[];
    let how: string;
    if (answer.status === 304) {
      how = `304 to ${asked}`;
      if (!copy || !asked) {
        this.problem(`${where}: 304 to a request that held no copy`);
        return NOTHING_READ;
      }
      observations = copy.observations;
    } else {
      const coding = answer.headers['content-encoding'];
      how = `${answer.status}${coding ? ` ${coding}` : ''}`;
      let bytes: Buffer;
      try {
        bytes = decode(answer);
      } catch (error) {
        this.problem(`${where}: its ${coding} body does not decode: ${(error as Error).message}`);
        return NOTHING_READ;
      }
      const shown: Shown = { status: answer.status, headers: answer.headers, text: bytes.toString('utf8') };
      const seen = observe(this.input.site, role, shown);
      const problems = [...seen.problems, ...(role.kind === 'redirect' ? [] : transportProblems(shown, { acceptEncoding, bytes }))];
      for (const text of problems) this.problem(`${where}, answered by ${instance}: ${text}`);
      observations = seen.observations;
      if (answer.status === 200) {
        this.copies.set(key, { etag: answer.headers.etag as string | undefined, lastModified: answer.headers['last-modified'] as string | undefined, observations });
      }
    }
    this.count(how.replace(/ (br|gzip)$/, ' compressed'));
    const read: Read = { url: path, target: target.name, instance, startedAt, how, isSameProcess: options.editorAgent !== undefined };
    const stale = this.input.history.judge(read, observations);
    const violations = stale.filter((one) => this.input.history.isViolation(one));
    if (violations.length > 0) await this.readUncached({ path, role, instance, acceptEncoding, violations });
    return { stale, subjects: new Set(observations.map((observation) => observation.subject)) };
  }

  /**
   * After a read that broke the promise: the same page from the same
   * instance with an Authorization header, which the cache never answers,
   * says whether the store itself was behind or the cache served a page a
   * change should have dropped.
   */
  private async readUncached(input: { path: string; role: PageRole; instance: InstanceName; acceptEncoding?: string; violations: Stale[] }): Promise<void> {
    const startedAt = performance.now();
    const headers: Record<string, string> = { authorization: 'Bearer consistency-check', ...(input.acceptEncoding ? { 'accept-encoding': input.acceptEncoding } : {}) };
    try {
      const answer = await request(`${this.input.instanceUrls.get(input.instance)}${input.path}`, { headers, agent: this.fresh, timeoutMs: 15_000 });
      const seen = observe(this.input.site, input.role, { status: answer.status, headers: answer.headers, text: decode(answer).toString('utf8') });
      const read: Read = { url: input.path, target: input.instance, instance: answer.headers['x-masthead-instance'] as InstanceName, startedAt, how: 'uncached' };
      const { stale } = this.input.history.assess(read, seen.observations);
      for (const violation of input.violations) violation.uncached = stale.some((one) => one.subject === violation.subject) ? 'showed it too' : 'showed the edit';
    } catch {
      // The verdict stands without the hint.
    }
  }

  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.fresh.destroy();
  }
}

/** The delay between an edit's acknowledgment and the first moment an instance showed it, per instance. */
export class Lags {
  readonly sameInstance: number[] = [];
  readonly otherInstances: number[] = [];

  add(isSameInstance: boolean, ms: number): void {
    (isSameInstance ? this.sameInstance : this.otherInstances).push(ms);
  }

  /** Median, 99th percentile and worst of the delays that ended, and how many never did while they were looked for. */
  static describe(values: readonly number[]): string {
    const ended = values.filter(Number.isFinite).sort((x, y) => x - y);
    const never = values.length - ended.length;
    const unseen = never > 0 ? `; ${never} not seen while looked for` : '';
    if (ended.length === 0) return `none measured${unseen}`;
    const at = (q: number) => Math.round(ended[Math.min(ended.length - 1, Math.floor(q * ended.length))]!);
    return `median ${at(0.5)} ms, p99 ${at(0.99)} ms, worst ${at(1)} ms over ${ended.length}${unseen}`;
  }
}
