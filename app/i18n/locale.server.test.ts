import type { AppLoadContext } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { getLocale, localeFrom, signedInLocale } from "./locale.server";

const request = (headers: Record<string, string>) => new Request("http://localhost/", { headers });
const context = () => ({ responseCookies: [] as string[] }) as unknown as AppLoadContext;

describe("localeFrom", () => {
  it.each([
    ["lang=es", "en", "es"],
    ["account_lang=es", "en", "es"],
    ["lang=en; account_lang=es", "es", "en"],
    ["account_lang=es; lang=en", "es", "en"],
    ["other=1", "es-MX,en;q=0.5", "es"],
    ["account_lang=fr", "en", "en"],
    ["", null, "en"],
  ])("cookie %j with Accept-Language %j reads %s", (cookie, acceptLanguage, expected) => {
    expect(localeFrom(cookie, acceptLanguage)).toBe(expected);
  });
});

describe("signedInLocale", () => {
  it("keeps a language picked on the device over the account's, and sets nothing", () => {
    const ctx = context();
    expect(signedInLocale(request({ Cookie: "lang=en" }), ctx, "es")).toBe("en");
    expect(ctx.responseCookies).toEqual([]);
  });

  it("uses the account's language otherwise, over the browser's, and writes it to the device", () => {
    const ctx = context();
    const req = request({ "Accept-Language": "en" });
    expect(signedInLocale(req, ctx, "es")).toBe("es");
    expect(ctx.responseCookies).toHaveLength(1);
    expect(ctx.responseCookies[0]).toMatch(/^account_lang=es; Path=\/;/);
    // The next request carries it, so answers that read only the request agree.
    expect(getLocale(request({ Cookie: "account_lang=es", "Accept-Language": "en" }))).toBe("es");
  });

  it("brings the device's copy up to date after the account changed elsewhere, and only then", () => {
    const stale = context();
    expect(signedInLocale(request({ Cookie: "account_lang=en" }), stale, "es")).toBe("es");
    expect(stale.responseCookies[0]).toMatch(/^account_lang=es;/);
    const current = context();
    signedInLocale(request({ Cookie: "account_lang=es" }), current, "es");
    expect(current.responseCookies).toEqual([]);
  });
});
