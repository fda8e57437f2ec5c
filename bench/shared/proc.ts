// Process figures read from /proc (Linux): CPU time and resident memory of a process by pid.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this project targets (`getconf CLK_TCK`)

/** CPU seconds (user + system) a process has used so far, or null once it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Resident set size in MB (VmRSS), or null once the process is gone. */
export function rssMB(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * CPU seconds of every process with this command name whose command line contains `match`
 * (e.g. the Postgres backends serving one database: "postgres: 15/main: postgres <db> …"), by pid.
 */
export function cpuByName(name: string, match = ""): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() !== name) continue;
      if (match && !readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(match)) continue;
    } catch {
      continue;
    }
    const cpu = cpuSeconds(Number(entry));
    if (cpu !== null) out.set(Number(entry), cpu);
  }
  return out;
}

/** CPU used by a named group of processes between two cpuByName samples (processes that started in between count from zero). */
export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? 0);
  return total;
}

/**
 * Samples a process's CPU at start/stop and its RSS every `everyMs` in between
 * (peak RSS during the window).
 */
export class ProcessSampler {
  private startCpu = 0;
  private timer: NodeJS.Timeout | null = null;
  peakRssMB = 0;

  constructor(
    readonly pid: number,
    private readonly everyMs = 100,
  ) {}

  start(): void {
    this.startCpu = cpuSeconds(this.pid) ?? 0;
    this.peakRssMB = rssMB(this.pid) ?? 0;
    this.timer = setInterval(() => this.sampleRss(), this.everyMs);
  }

  /** Stops sampling; returns CPU seconds used since start. */
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sampleRss();
    return (cpuSeconds(this.pid) ?? this.startCpu) - this.startCpu;
  }

  private sampleRss() {
    const rss = rssMB(this.pid);
    if (rss !== null && rss > this.peakRssMB) this.peakRssMB = rss;
  }
}

/** Busy CPU seconds of the whole machine so far, summed over all CPUs (/proc/stat: everything but idle and iowait). */
export function machineBusySeconds(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  return (total - ticks[3]! - ticks[4]!) / TICKS_PER_SECOND;
}
