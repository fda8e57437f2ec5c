// Top self time of V8 CPU profiles written by `BENCH_PROFILE_DIR=… npm run bench:import`, with the
// project's TypeScript sources mapped back to their own file:line:
//   npx tsx bench/import/profile-lines.ts <file.cpuprofile>… [--top 25]
// tsx compiles each module to one minified line, so a profile only says "measure-lookup.ts:1". The
// compiled code and its source map are in tsx's cache (<tmpdir>/tsx-<uid>/); this reads them from
// there and maps each (line, column) back. Frames it cannot map keep their compiled position.
// Use the main-thread profile (*.001.cpuprofile when run under tsx; the other one is tsx's loader thread).
// V8 counts the time of built-ins (JSON.stringify, Map#set, …) as self time of the JS function calling them.
import { readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type Node = { id: number; callFrame: CallFrame };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };
type Compiled = { code: string; map: { mappings: string; sources: string[] } };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

// ── source maps ──────────────────────────────────────────────────────────────

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Segments of generated line 0 only (tsx output is one line): [generatedColumn, originalLine], sorted. */
function firstLineSegments(mappings: string): [number, number][] {
  const out: [number, number][] = [];
  const line = mappings.split(";")[0] ?? "";
  let column = 0;
  let originalLine = 0;
  for (const segment of line.split(",")) {
    if (!segment) continue;
    const values: number[] = [];
    let value = 0;
    let shift = 0;
    for (const ch of segment) {
      const digit = B64.indexOf(ch);
      value += (digit & 31) << shift;
      if (digit & 32) shift += 5;
      else {
        values.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    column += values[0] ?? 0;
    if (values.length >= 4) {
      originalLine += values[2]!;
      out.push([column, originalLine]);
    }
  }
  return out;
}

/** tsx's cached compilations, by source path (several per path when the file changed). */
function tsxCache(): Map<string, { compiled: Compiled; mtime: number }[]> {
  const bySource = new Map<string, { compiled: Compiled; mtime: number }[]>();
  const dirs = readdirSync(os.tmpdir()).filter((d) => d.startsWith("tsx-"));
  for (const d of dirs) {
    const dir = path.join(os.tmpdir(), d);
    for (const f of readdirSync(dir)) {
      const file = path.join(dir, f);
      try {
        const compiled = JSON.parse(readFileSync(file, "utf8")) as Compiled;
        const source = compiled.map?.sources?.[0];
        if (!source || !source.startsWith(root)) continue;
        bySource.set(source, [...(bySource.get(source) ?? []), { compiled, mtime: statSync(file).mtimeMs }]);
      } catch {
        // not a compilation entry
      }
    }
  }
  return bySource;
}

/** Maps a compiled position of `file` to its original 1-based line, choosing the cache entry the profile matches best. */
function makeMapper(frames: CallFrame[]) {
  const cache = tsxCache();
  const chosen = new Map<string, [number, number][] | null>();
  const segmentsFor = (file: string): [number, number][] | null => {
    if (chosen.has(file)) return chosen.get(file)!;
    const candidates = (cache.get(file) ?? []).sort((a, b) => b.mtime - a.mtime);
    // The entry whose code has each named function of this file where the profile says it starts.
    const named = frames.filter((f) => f.functionName && f.url === pathToFileURL(file).href);
    let best: [number, number][] | null = null;
    let bestScore = -1;
    for (const c of candidates) {
      const score = named.filter((f) =>
        c.compiled.code.slice(f.columnNumber, f.columnNumber + 200).includes(f.functionName),
      ).length;
      if (score > bestScore) {
        bestScore = score;
        best = firstLineSegments(c.compiled.map.mappings);
      }
    }
    chosen.set(file, best);
    return best;
  };
  return (frame: CallFrame): string => {
    const file = frame.url.startsWith("file://") ? fileURLToPath(frame.url) : "";
    const rel = file ? path.relative(root, file) : frame.url;
    const segments = file && !file.includes("node_modules") && frame.lineNumber === 0 ? segmentsFor(file) : null;
    if (!segments || segments.length === 0) return `${rel}:${frame.lineNumber + 1}`;
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]![0] <= frame.columnNumber) lo = mid;
      else hi = mid - 1;
    }
    return `${rel}:${segments[lo]![1] + 1}`;
  };
}

// ── summary ──────────────────────────────────────────────────────────────────

const args = process.argv.slice(2);
const topIndex = args.indexOf("--top");
const top = topIndex >= 0 ? Number(args.splice(topIndex, 2)[1]) : 25;

for (const file of args) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const where = makeMapper(profile.nodes.map((n) => n.callFrame));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const fns = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === "(idle)" || frame.functionName === "(program)") continue;
    busy += us;
    const loc = frame.url ? where(frame).replace(/^.*node_modules\//, "") : "";
    const key = `${frame.functionName || "(anonymous)"}  ${loc}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  console.log(`\n${path.basename(file)}: ${(busy / 1e6).toFixed(2)} s busy (idle and "(program)" excluded)`);
  const pct = (us: number) => `${((us / busy) * 100).toFixed(1).padStart(5)}%  ${(us / 1e3).toFixed(0).padStart(6)} ms`;
  for (const [f, us] of [...fns].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`  ${pct(us)}  ${f}`);
}
