import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every module a file imports, as a path from the repository root (packages left out). */
function localImports(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.[^"']+)["']/g)].map((m) =>
    relative(root, resolve(join(root, file, ".."), m[1]!)),
  );
}

describe("layers", () => {
  // Rules and data access are usable from a test, a script or another server without
  // dragging in the socket server or the browser editor.
  it.each(["app/domain", "app/models"])("%s imports neither server/ nor app/features/", (layer) => {
    const offending = sources(layer).flatMap((file) =>
      localImports(file)
        .filter((target) => target.startsWith("server/") || target.startsWith("app/features/"))
        .map((target) => `${file} → ${target}`),
    );
    expect(offending).toEqual([]);
  });
});
