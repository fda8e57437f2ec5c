// `npm start` builds first when there is no production build or the sources are newer than it.
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const outputs = ["build/index.js", "build/server/index.js", "build/.production"];
const sources = ["app", "server", "db", "public", "package.json", "remix.config.js"];

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  if (p === path.join("public", "build")) return 0;
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

const built = outputs.every((o) => existsSync(o)) ? Math.min(...outputs.map((o) => statSync(o).mtimeMs)) : 0;
if (built === 0 || Math.max(...sources.map(newest)) > built) {
  console.log("Building the app (first start or changed sources)…");
  execSync("npm run build --silent", { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
}
