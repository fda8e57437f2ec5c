// Bundles server/ (and the db/ and app/ modules it imports) into build/server/index.js.
// Packages stay external, so the server and the Remix build share one copy of each.
import { build } from "esbuild";

await build({
  entryPoints: ["server/index.ts"],
  outfile: "build/server/index.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
