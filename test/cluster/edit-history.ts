import type { InstanceName } from './harness.js';

/**
 * The consistency test's record of what the newsroom did and when, and its
 * judge of what readers were shown. Every thing a page can show that an edit
 * changes is a subject (a post's title, a tag's name, whether a post is
 * published…) with a history of states: the setup's, then one per edit, each
 * with the moment its answer arrived and the instance that gave it. A page
 * read shows each subject in some state; it is stale when a later state had
 * been acknowledged before the read started: on the instance that took the
 * edit at once, on the others after the bound the test allows the change bus.
 */

export interface Version<S> {
  state: S;
  /** What made it, for a failure's message. */
  edit: string;
  sentAt: number;
  /** When the newsroom's answer arrived (performance.now()); undefined while it is in flight. */
  ackAt?: number;
  /** The instance that answered the edit. */
  instance?: InstanceName;
  /** Refused by the newsroom: no page may ever show it. */
  isRefused?: boolean;
}

/** What one read showed of one subject: a state test, and words for a failure's message. */
export interface Observation<S = any> {
  subject: string;
  shows: string;
  matches: (state: S) => boolean;
}

/** One page read: where it went and when it started. */
export interface Read {
  url: string;
  /** `a`, `b`, `c` (asked directly) or `nginx`. */
  target: string;
  /** The instance that answered (its X-Masthead-Instance). */
  instance: InstanceName;
  startedAt: number;
  /** How the read was answered: `200 br`, `304 to if-modified-since`… */
  how: string;
  /** Sent on the connection that carried the edits, so answered by the very worker process that took them. */
  isSameProcess?: boolean;
}

export interface Stale {
  read: Read;
  shows: string;
  subject: string;
  /** The newer state the page should have shown. */
  edit: string;
  editInstance: InstanceName;
  /** From the newer state's acknowledgment to the start of the read that missed it. */
  lagMs: number;
  isSameInstance: boolean;
  /** What a read that bypassed the cache showed at once, from the same instance: whether the store itself was behind. */
  uncached?: 'showed it too' | 'showed the edit';
}

/** A handle on an edit in flight. */
export interface PendingEdit {
  acknowledge(instance: InstanceName): void;
  refuse(): void;
}

const KEPT = 40;

export class EditHistory {
  private readonly versions = new Map<string, Version<unknown>[]>();
  /** Stale reads on the connection that carried the edit (the worker process that took it): each is a failure. */
  readonly sameProcess: Stale[] = [];
  /** Stale reads from the instance that took the edit, whichever of its workers answered: each is a failure. */
  readonly sameInstance: Stale[] = [];
  private sameInstanceCount = 0;
  /** Stale reads elsewhere, by lag: within the bound they are the change bus's delay; beyond it, failures. */
  private readonly otherInstances: Stale[] = [];
  private otherCount = 0;
  readonly impossible: Array<{ read: Read; subject: string; shows: string }> = [];
  private judged = 0;

  constructor(private readonly boundMs: number) {}

  /** The setup's state of a subject, in place before any read starts. */
  settle<S>(input: { subject: string; state: S; edit: string }): void {
    this.versions.set(input.subject, [{ state: input.state, edit: input.edit, sentAt: 0, ackAt: 0 }]);
  }

  /** An edit about to be sent; its state counts as possibly visible from now on. */
  begin<S>(input: { subject: string; state: S; edit: string }): PendingEdit {
    const history = this.versions.get(input.subject);
    if (!history) throw new Error(`no subject ${input.subject}`);
    const version: Version<unknown> = { state: input.state, edit: input.edit, sentAt: performance.now() };
    history.push(version);
    return {
      acknowledge: (instance) => {
        version.ackAt = performance.now();
        version.instance = instance;
      },
      refuse: () => {
        version.isRefused = true;
      },
    };
  }

  /** How many states a subject has had: the next edit's version number. */
  count(subject: string): number {
    return this.versions.get(subject)?.length ?? 0;
  }

  /** The newest state of a subject the newsroom sent (acknowledged or not). */
  latest<S>(subject: string): S {
    const history = this.versions.get(subject)!;
    return history.filter((version) => !version.isRefused).at(-1)!.state as S;
  }

  /** Whether a stale read breaks the promise: on the instance that took the edit, or later than the bound elsewhere. */
  isViolation(stale: Stale): boolean {
    return stale.isSameInstance || stale.lagMs > this.boundMs;
  }

  /** What one read showed stale, without recording it: for each subject, the worst newer state acknowledged before the read started. */
  assess(read: Read, observations: readonly Observation[]): { stale: Stale[]; impossible: Observation[] } {
    const stale: Stale[] = [];
    const impossible: Observation[] = [];
    for (const observation of observations) {
      const history = this.versions.get(observation.subject);
      if (!history) continue;
      let newestShown = -1;
      history.forEach((version, index) => {
        if (!version.isRefused && observation.matches(version.state)) newestShown = index;
      });
      if (newestShown === -1) {
        impossible.push(observation);
        continue;
      }
      // On the read's own instance first, then the longest ago.
      let worst: Stale | undefined;
      for (const version of history.slice(newestShown + 1)) {
        if (version.isRefused || version.ackAt === undefined || version.ackAt >= read.startedAt) continue;
        const candidate: Stale = {
          read,
          shows: observation.shows,
          subject: observation.subject,
          edit: version.edit,
          editInstance: version.instance!,
          lagMs: read.startedAt - version.ackAt,
          isSameInstance: version.instance === read.instance,
        };
        if (!worst || (candidate.isSameInstance && !worst.isSameInstance) || (candidate.isSameInstance === worst.isSameInstance && candidate.lagMs > worst.lagMs)) worst = candidate;
      }
      if (worst) stale.push(worst);
    }
    return { stale, impossible };
  }

  /** Judges what one read showed and records it; returns what it showed stale. */
  judge(read: Read, observations: readonly Observation[]): Stale[] {
    this.judged += observations.length;
    const { stale, impossible } = this.assess(read, observations);
    for (const observation of impossible) {
      if (this.impossible.length < KEPT) this.impossible.push({ read, subject: observation.subject, shows: observation.shows });
    }
    for (const one of stale) {
      if (one.isSameInstance && one.read.isSameProcess) {
        if (this.sameProcess.length < KEPT) this.sameProcess.push(one);
      } else if (one.isSameInstance) {
        this.sameInstanceCount++;
        if (this.sameInstance.length < KEPT) this.sameInstance.push(one);
      } else {
        this.otherCount++;
        this.otherInstances.push(one);
        this.otherInstances.sort((x, y) => y.lagMs - x.lagMs);
        this.otherInstances.length = Math.min(this.otherInstances.length, KEPT);
      }
    }
    return stale;
  }

  /** Stale reads on other instances later than the bound after the edit's acknowledgment. */
  beyondBound(): Stale[] {
    return this.otherInstances.filter((stale) => stale.lagMs > this.boundMs);
  }

  /** For the report: how many observations were judged and how the stale ones fell. */
  summary(): { judged: number; staleSameProcess: number; staleSameInstance: number; worstSameInstanceLagMs: number; staleOtherInstances: number; worstOtherLagMs: number } {
    return {
      judged: this.judged,
      staleSameProcess: this.sameProcess.length,
      staleSameInstance: this.sameInstanceCount,
      worstSameInstanceLagMs: Math.max(0, ...this.sameInstance.map((stale) => stale.lagMs)),
      staleOtherInstances: this.otherCount,
      worstOtherLagMs: this.otherInstances[0]?.lagMs ?? 0,
    };
  }
}

/** One stale read as a line of a failure's message. */
export function describeStale(stale: Stale): string {
  const { read } = stale;
  const uncached = stale.uncached ? `; a read bypassing the cache at once ${stale.uncached}` : '';
  const via = read.isSameProcess ? `${read.target}, on its editor's own connection` : read.target;
  return `${read.url} via ${via} (answered by ${read.instance}, ${read.how}) showed ${stale.shows} ${Math.round(stale.lagMs)} ms after "${stale.edit}" was acknowledged by ${stale.editInstance}${uncached}`;
}
