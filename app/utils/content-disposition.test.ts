import { describe, expect, it } from "vitest";
import { attachmentDisposition } from "./content-disposition";

describe("attachmentDisposition", () => {
  it("gives an ASCII fallback and the UTF-8 name for non-Latin file names", () => {
    expect(attachmentDisposition("Kế-hoạch-計画.md")).toBe(
      `attachment; filename="Ke-hoach-.md"; filename*=UTF-8''K%E1%BA%BF-ho%E1%BA%A1ch-%E8%A8%88%E7%94%BB.md`,
    );
    expect(attachmentDisposition("計画.md")).toBe(
      `attachment; filename="download.md"; filename*=UTF-8''%E8%A8%88%E7%94%BB.md`,
    );
  });

  it("keeps plain names readable and drops quotes, separators and control characters", () => {
    expect(attachmentDisposition("north-v2-schools.csv")).toBe(
      `attachment; filename="north-v2-schools.csv"; filename*=UTF-8''north-v2-schools.csv`,
    );
    expect(attachmentDisposition(`a"b\\c/d\r\ne's (1).md`)).toBe(
      `attachment; filename="abcde_s (1).md"; filename*=UTF-8''abcde%27s%20%281%29.md`,
    );
  });

  it("is always a valid header value", () => {
    for (const name of ["Kế hoạch 計画.md", "😀.csv", "\u0000", "", "ü".repeat(300)]) {
      expect(() => new Headers({ "Content-Disposition": attachmentDisposition(name) })).not.toThrow();
      expect(attachmentDisposition(name)).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
