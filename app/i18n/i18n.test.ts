import { describe, expect, it } from "vitest";
import { negotiateLocale } from "./locales";
import { en } from "./messages/en";
import { es } from "./messages/es";
import { translate, translateCount } from "./translate";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("translations", () => {
  it("Spanish has every English key, none empty, and no extra keys", () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(es)) expect(value.trim(), key).not.toBe("");
  });

  it("keeps the same placeholders in both languages", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(es[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it("fills placeholders", () => {
    expect(translate("es", "auth.tooManyAttempts", { minutes: 15 })).toBe(
      "Demasiados intentos. Vuelva a intentarlo en 15 minutos.",
    );
  });
});

describe("translateCount", () => {
  it.each([
    ["en", 1, "1 reply"],
    ["en", 0, "0 replies"],
    ["en", 1200, "1,200 replies"],
    ["es", 1, "1 respuesta"],
    ["es", 3, "3 respuestas"],
    ["es", 1000000, "1,000,000 respuestas"],
  ] as const)("%s %d → %s", (locale, count, text) => {
    expect(translateCount(locale, "comments.replies", count)).toBe(text);
  });

  it("every counted message has its other form in both languages", () => {
    // A key ending in ".one" names a counted message ("level.other" is a school level, not a form).
    for (const key of Object.keys(en).filter((k) => k.endsWith(".one"))) {
      const base = key.slice(0, -".one".length);
      expect(Object.keys(en), base).toContain(`${base}.other`);
      expect(Object.keys(es), base).toContain(`${base}.other`);
    }
  });
});

describe("negotiateLocale", () => {
  it.each([
    [null, "en"],
    ["es-MX,es;q=0.9,en;q=0.8", "es"],
    ["fr-FR,fr;q=0.9", "en"],
    ["fr;q=0.9,es;q=0.5", "es"],
    ["en;q=0.4,es;q=0.8", "es"],
  ])("%s → %s", (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});
