import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

/**
 * The JavaScript a signed-out visitor downloads before a page works: the client entry, and
 * for the route and each of its parents (root) its module and the chunks it imports, as the
 * production build's browser manifest lists them (Remix's <Scripts /> loads exactly these).
 */
const BUDGET_BYTES = 100_000;
// /vote is for families without an account, often on a phone.
const SIGNED_OUT_PAGES = {
  home: "routes/_index",
  "sign-in": "routes/login",
  "sign-up": "routes/signup",
  "vote-with-a-code": "routes/vote",
};

// remix.config.js keeps the defaults: the browser build in public/build, served at /build/.
const PUBLIC_DIR = path.resolve("public");
const BROWSER_BUILD = path.join(PUBLIC_DIR, "build");

type Manifest = {
  entry: { module: string; imports?: string[] };
  routes: Record<string, { module: string; imports?: string[]; parentId?: string }>;
};

function readManifest(): Manifest {
  const file = existsSync(BROWSER_BUILD) ? readdirSync(BROWSER_BUILD).find((f) => /^manifest-.*\.js$/.test(f)) : null;
  if (!file || !existsSync("build/.production")) {
    throw new Error("No production build to measure: run `NODE_ENV=production npm run build` first (`npm test` does).");
  }
  const source = readFileSync(path.join(BROWSER_BUILD, file), "utf8");
  return JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as Manifest;
}

/** Every module a route loads, each once. */
function modulesOf(manifest: Manifest, routeId: string): string[] {
  const files = new Set([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
  for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`the build has no route ${id}`);
    for (const f of [route.module, ...(route.imports ?? [])]) files.add(f);
  }
  return [...files];
}

const gzipSize = (url: string) => gzipSync(readFileSync(path.join(PUBLIC_DIR, url)), { level: 9 }).length;

describe("JavaScript budget for signed-out pages", () => {
  const manifest = readManifest();
  for (const [page, routeId] of Object.entries(SIGNED_OUT_PAGES)) {
    it(`the ${page} page loads less than 100 KB of gzipped JavaScript`, () => {
      const sizes = modulesOf(manifest, routeId).map((url) => [url, gzipSize(url)] as const);
      const total = sizes.reduce((sum, [, n]) => sum + n, 0);
      const largest = [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 3);
      console.info(
        `${page}: ${(total / 1000).toFixed(1)} KB gzip in ${sizes.length} modules (largest: ${largest
          .map(([u, n]) => `${u} ${(n / 1000).toFixed(1)} KB`)
          .join(", ")})`,
      );
      expect(total, `${page} loads ${total} bytes of gzipped JavaScript`).toBeLessThan(BUDGET_BYTES);
    });
  }

  it("ships no language's whole dictionary as JavaScript", () => {
    // A phrase from each dictionary: the messages come as data, for the reader's language only.
    const all = modulesOf(manifest, "routes/_index").map((u) => readFileSync(path.join(PUBLIC_DIR, u), "utf8"));
    for (const phrase of ["Equity Workspaces", "Espacios de Equidad"]) {
      expect(
        all.some((code) => code.includes(phrase)),
        phrase,
      ).toBe(false);
    }
  });
});
