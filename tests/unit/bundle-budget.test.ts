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

/** Gzipped bytes of a page's JavaScript, with its three largest modules named for the log. */
function measure(manifest: Manifest, page: string, routeId: string): number {
  const sizes = modulesOf(manifest, routeId).map((url) => [url, gzipSize(url)] as const);
  const total = sizes.reduce((sum, [, n]) => sum + n, 0);
  const largest = [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 3);
  console.info(
    `${page}: ${(total / 1000).toFixed(1)} KB gzip in ${sizes.length} modules (largest: ${largest
      .map(([u, n]) => `${u} ${(n / 1000).toFixed(1)} KB`)
      .join(", ")})`,
  );
  return total;
}

describe("JavaScript budget for signed-out pages", () => {
  const manifest = readManifest();
  for (const [page, routeId] of Object.entries(SIGNED_OUT_PAGES)) {
    it(`the ${page} page loads less than 100 KB of gzipped JavaScript`, () => {
      const total = measure(manifest, page, routeId);
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

/**
 * The packages each browser module was built from, from the build's own record of its inputs
 * (esbuild's metafile, which `remix build` writes beside the server build).
 */
function packagesOf(urls: string[]): Map<string, Set<string>> {
  const file = path.resolve("build/metafile.js.json");
  if (!existsSync(file)) throw new Error("The production build has no build/metafile.js.json: run `npm run build`.");
  const meta = JSON.parse(readFileSync(file, "utf8")) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  const byUrl = new Map<string, Set<string>>();
  for (const url of urls) {
    const output = meta.outputs[path.posix.join("public", url)];
    // A module the metafile does not know means the two come from different builds: no verdict then.
    if (!output) throw new Error(`build/metafile.js.json does not list ${url}: rebuild (npm run build).`);
    const packages = new Set<string>();
    for (const input of Object.keys(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
      if (name) packages.add(name);
    }
    byUrl.set(url, packages);
  }
  return byUrl;
}

/** The editor (tiptap on ProseMirror, Yjs and its bindings) and the chart library (recharts on d3). */
const EDITOR = /^(@tiptap\/.*|prosemirror-.*|yjs|y-.*|lib0)$/;
const CHARTS = /^(recharts|d3-.*|victory-vendor)$/;

function heavyPackages(manifest: Manifest, routeId: string, heavy: RegExp): string[] {
  const found: string[] = [];
  for (const [url, packages] of packagesOf(modulesOf(manifest, routeId)))
    for (const name of packages) if (heavy.test(name)) found.push(`${name} (in ${url})`);
  return found;
}

describe("JavaScript budget for the ballot page", () => {
  const manifest = readManifest();
  const BALLOT_PAGE = "routes/workspaces.$workspace.polls.$poll";
  const BALLOT_BUDGET_BYTES = 150_000;

  it("the ballot page, with the workspace layout and root above it, loads at most 150 KB of gzipped JavaScript", () => {
    const parents: string[] = [];
    for (let id = manifest.routes[BALLOT_PAGE]?.parentId; id; id = manifest.routes[id]?.parentId) parents.push(id);
    expect(parents).toEqual(["routes/workspaces.$workspace", "root"]);
    const total = measure(manifest, "ballot", BALLOT_PAGE);
    expect(total, `the ballot page loads ${total} bytes of gzipped JavaScript`).toBeLessThanOrEqual(
      BALLOT_BUDGET_BYTES,
    );
  });

  it("ships neither the plan editor nor the chart library with the ballot page", () => {
    // The check finds them where they are: the plan page carries the editor, the views page the charts.
    expect(heavyPackages(manifest, "routes/workspaces.$workspace.plans.$plan", EDITOR)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^@tiptap\/core /), expect.stringMatching(/^prosemirror-view /)]),
    );
    expect(heavyPackages(manifest, "routes/workspaces.$workspace.views", CHARTS)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^recharts /)]),
    );
    expect(heavyPackages(manifest, BALLOT_PAGE, EDITOR)).toEqual([]);
    expect(heavyPackages(manifest, BALLOT_PAGE, CHARTS)).toEqual([]);
  });
});
