import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");
const routes = readdirSync(join(root, "app/routes")).filter((f) => /\.tsx?$/.test(f));
const read = (path: string) => readFileSync(join(root, path), "utf8");

// Every route decides access through authorize (app/utils/authorize.server.ts) and the guards
// built on it; a route asking the policy or the old permission module itself is a second path.
describe("one authorization path", () => {
  it("finds the route files", () => {
    expect(routes.length).toBeGreaterThan(30);
  });

  it("no route calls can( or decide( or imports the policy's rules or the permission module", () => {
    const offending = routes.flatMap((file) => {
      const text = read(`app/routes/${file}`);
      const found: string[] = [];
      // A bare call: not a method such as editor.can() or a word ending in "can".
      if (/(?<![\w.$])(can|decide)\s*\(/.test(text)) found.push("calls can(/decide(");
      if (/from\s+["'][./]*domain\/permissions["']/.test(text)) found.push("imports domain/permissions");
      if (/import\s+\{[^}]*\b(can|decide)\b[^}]*\}\s+from\s+["'][./]*domain\/policy["']/.test(text)) {
        found.push("imports can/decide from domain/policy");
      }
      return found.map((what) => `${file}: ${what}`);
    });
    expect(offending).toEqual([]);
  });

  it("the socket and the event streams use the same authorize, not SQL or rules of their own", () => {
    const socket = read("server/collab/authorize.ts");
    expect(socket).toMatch(/authorizeIn\(/);
    expect(socket).not.toMatch(/domain\/permissions|workspaceMemberships/);
    const stream = read("app/utils/event-stream.server.ts");
    expect(stream).not.toMatch(/domain\/permissions|access\.server/);
  });
});
