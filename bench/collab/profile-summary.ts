// Summarizes V8 CPU profiles written by `BENCH_PROFILE_DIR=… npm run bench:collab`:
//   npx tsx bench/collab/profile-summary.ts <file.cpuprofile>… [--top 25]
// Prints self time by package/area and the top functions by self time (idle excluded).
import { readFileSync } from "node:fs";
import path from "node:path";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

function area(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  if (url.startsWith("node:")) return "node internals";
  if (url.includes("/build/server/")) return "our server (build/server)";
  if (url.includes("/build/")) return "our app (build)";
  return path.basename(url);
}

const args = process.argv.slice(2);
const topIndex = args.indexOf("--top");
const top = topIndex >= 0 ? Number(args.splice(topIndex, 2)[1]) : 25;
// --last <s>: only the samples of the profile's last s seconds (the measured phase, not start-up).
const lastIndex = args.indexOf("--last");
const lastSeconds = lastIndex >= 0 ? Number(args.splice(lastIndex, 2)[1]) : Infinity;

for (const file of args) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const from = profile.endTime - lastSeconds * 1e6;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= from) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === "(idle)") continue;
    busy += us;
    const a = area(url, functionName);
    areas.set(a, (areas.get(a) ?? 0) + us);
    const key = `${functionName || "(anonymous)"}  ${
      url ? `${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/build\//, "build/")}:${lineNumber + 1}` : ""
    }`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  const wall = Math.min(lastSeconds, (profile.endTime - profile.startTime) / 1e6);
  console.log(`\n${path.basename(file)}: ${(busy / 1e6).toFixed(2)} s busy of ${wall.toFixed(1)} s`);
  const pct = (us: number) => `${((us / busy) * 100).toFixed(1).padStart(5)}%  ${(us / 1e3).toFixed(0).padStart(6)} ms`;
  console.log("  by area:");
  for (const [a, us] of [...areas].sort((x, y) => y[1] - x[1]).slice(0, 15)) console.log(`    ${pct(us)}  ${a}`);
  console.log("  top functions (self time):");
  for (const [f, us] of [...fns].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`    ${pct(us)}  ${f}`);
}
