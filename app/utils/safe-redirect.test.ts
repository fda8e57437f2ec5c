import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { DEFAULT_REDIRECT, safeRedirect } from "./safe-redirect";

const ORIGIN = "https://app.example";
const resolvesHere = (path: string) => new URL(path, ORIGIN).origin === ORIGIN;

describe("safeRedirect", () => {
  it("keeps same-origin paths with their query and fragment", () => {
    expect(safeRedirect("/account")).toBe("/account");
    expect(safeRedirect("/workspaces/a?tab=b#c")).toBe("/workspaces/a?tab=b#c");
    expect(safeRedirect("/plans/Kế hoạch")).toBe("/plans/K%E1%BA%BF%20ho%E1%BA%A1ch");
  });

  it.each([
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/%09/evil.example".replace("%09", "\t"),
    "/.//evil.example",
    "/a/..//evil.example",
    "\t//evil.example",
    " /evil",
    "javascript:alert(1)",
    "",
    "/x\u0000",
    "/" + "a".repeat(5000),
  ])("refuses %j", (target) => {
    expect(safeRedirect(target)).toBe(DEFAULT_REDIRECT);
  });

  it("falls back to the given default and ignores non-strings", () => {
    expect(safeRedirect(null, "/")).toBe("/");
    expect(safeRedirect(undefined)).toBe(DEFAULT_REDIRECT);
  });

  // Hostile alphabets: the characters URL parsers and browsers treat specially.
  const piece = fc.constantFrom(
    "/",
    "\\",
    "\t",
    "\n",
    "\r",
    ".",
    "..",
    "%2f",
    "%5c",
    "%09",
    ":",
    "@",
    "?",
    "#",
    " ",
    "evil.example",
    "\u3002",
    "\uff0f",
    "http:",
    "a",
  );
  const hostile = fc.oneof(
    fc.string(),
    fc.array(piece, { maxLength: 8 }).map((p) => p.join("")),
    fc.webUrl(),
    fc.webPath(),
  );

  test.prop([hostile])("no accepted target resolves to another origin", (target) => {
    const out = safeRedirect(target);
    expect(resolvesHere(out)).toBe(true);
    expect(out.startsWith("/") && !out.startsWith("//")).toBe(true);
    expect(out).not.toMatch(/[\u0000-\u001f\u007f\\]/);
    // Idempotent: what is accepted once is accepted again unchanged.
    expect(safeRedirect(out)).toBe(out);
  });
});
