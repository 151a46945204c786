import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/**
 * CPU time per request, read from the kernel: utime + stime of every process
 * that serves the requests (/proc/PID/stat fields 14 and 15, in clock ticks),
 * summed over the measured window. Requests per second say how fast one
 * machine answers; CPU per request says what each answer costs, whatever
 * else the machine was doing, and adds up the processes a request passes
 * through: Masthead's and, on PostgreSQL, the database backends serving it.
 */

/** A process and what it is, so a row can say how much of its cost was the database's. */
export interface Watched {
  pid: number;
  role: 'app' | 'db';
}

export interface CpuUse {
  /** Microseconds of CPU per request in the server's own processes (Masthead's, or nginx's). */
  appUs: number;
  /** Microseconds per request in the PostgreSQL backends serving its connections; null when no database is involved. */
  dbUs: number | null;
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      // Linux has used 100 for USER_HZ on every common architecture.
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of a process in ticks, or undefined when it has gone. */
async function ticksOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces; fields are counted after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so field 14 (utime) is fields[11] and 15 (stime) fields[12].
  return Number(fields[11]) + Number(fields[12]);
}

/** A process and its direct children (cluster workers, nginx workers). */
export async function withChildren(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return [pid, ...text.trim().split(/\s+/).filter(Boolean).map(Number)];
}

export interface CpuWindow {
  /** Ends the window; requests is how many were answered in it. */
  end(requests: number): Promise<CpuUse | null>;
}

/**
 * Starts a measuring window over the processes `watch` lists (asked again at
 * the end: a pool may open a connection, and so a backend, midway; such a
 * process counts from its start, all of it inside the window). A process
 * gone by the end is left out: its last ticks cannot be read.
 */
export async function startCpuWindow(watch: () => Promise<Watched[]>): Promise<CpuWindow> {
  const before = new Map<number, number>();
  for (const { pid } of await watch()) {
    const ticks = await ticksOf(pid);
    if (ticks !== undefined) before.set(pid, ticks);
  }
  return {
    async end(requests) {
      if (requests <= 0) return null;
      const spent = { app: 0, db: 0 };
      let hasDb = false;
      for (const { pid, role } of await watch()) {
        if (role === 'db') hasDb = true;
        const ticks = await ticksOf(pid);
        if (ticks !== undefined) spent[role] += ticks - (before.get(pid) ?? 0);
      }
      const perRequestUs = (ticks: number) => (ticks / clockTicks() / requests) * 1e6;
      return { appUs: perRequestUs(spent.app), dbUs: hasDb ? perRequestUs(spent.db) : null };
    },
  };
}
