import { describe, expect, it } from "vitest";
import { meUpdateSchema } from "./validation";

// PATCH /api/v1/me: known settings only, at least one, each validated.
describe("meUpdateSchema", () => {
  it.each([[{ locale: "en" }], [{ locale: "es" }]])("accepts %j", (body) => {
    expect(meUpdateSchema.parse(body)).toEqual(body);
  });

  it.each([
    [{ locale: "fr" }, "locale", "validation.localeInvalid"],
    [{ locale: "ES" }, "locale", "validation.localeInvalid"],
    [{ locale: 1 }, "locale", "validation.localeInvalid"],
    [{}, "", "validation.nothingToChange"],
    [{ locale: undefined }, "", "validation.nothingToChange"],
    [[], "", "validation.bodyNotObject"],
    [null, "", "validation.bodyNotObject"],
    ["es", "", "validation.bodyNotObject"],
  ])("refuses %j (%s: %s)", (body, path, message) => {
    const result = meUpdateSchema.safeParse(body);
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.path.join(".")).toBe(path);
    expect(issue.message).toBe(message);
  });

  it("refuses a key it does not know, naming it, even beside a good one", () => {
    const result = meUpdateSchema.safeParse({ locale: "es", lang: "es" });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/"lang"/);
  });
});
