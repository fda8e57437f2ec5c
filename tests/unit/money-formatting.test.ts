import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "../../app/i18n/messages/en";
import { es } from "../../app/i18n/messages/es";

const APP = join(import.meta.dirname, "../../app");
// The one place numbers become money or text for a reader.
const HELPER = "i18n/numbers.ts";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "messages" ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.test\./.test(name) ? [path] : [];
  });
}

/** Places that format an amount or a number by hand rather than through the helper. */
function handFormatting(name: string, source: string): string[] {
  const rules: [RegExp, string][] = [
    [/`\$\$\{/g, "a template with a literal $ before a value"],
    [/["']\$["']\s*\+/g, '"$" + a value'],
    [/style:\s*["']currency["']/g, "a currency format of its own"],
    [/new Intl\.NumberFormat\(/g, "a number format of its own"],
    [/\.toLocaleString\(/g, "toLocaleString"],
  ];
  return rules.flatMap(([pattern, what]) => [...source.matchAll(pattern)].map(() => `${name}: ${what}`));
}

describe("money and numbers for the reader", () => {
  it("are formatted in one helper, not by hand anywhere in the app", () => {
    const found = sources(APP)
      .filter((file) => relative(APP, file) !== HELPER)
      .flatMap((file) => handFormatting(relative(APP, file), readFileSync(file, "utf8")));
    expect(found).toEqual([]);
  });

  it("are never written with a $ in a message: the amount comes formatted", () => {
    const dollars = (messages: Record<string, string>, lang: string) =>
      Object.entries(messages)
        .filter(([, text]) => /\$\s*\{|\$\s*\d|\{\w+\}\s*(US)?\$/.test(text))
        .map(([key]) => `${lang}: ${key}`);
    expect([...dollars(en, "en"), ...dollars(es, "es")]).toEqual([]);
  });

  it("catches the hand formatting it looks for", () => {
    expect(
      handFormatting("x.ts", "const a = `$${n}`; b = '$' + n; new Intl.NumberFormat(l); n.toLocaleString(l)"),
    ).toHaveLength(4);
  });
});
