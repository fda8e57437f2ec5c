import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { API_TOKEN_PREFIX, generateAccessCode, generateApiToken, generateToken, hashToken } from "./tokens.server";

describe("session tokens", () => {
  it("are 160-bit random values in lower-case base32", () => {
    const token = generateToken();
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    const many = new Set(Array.from({ length: 1000 }, generateToken));
    expect(many.size).toBe(1000);
  });

  it("are stored as their SHA-256 in hex, never as themselves", () => {
    const token = generateToken();
    const hashed = hashToken(token);
    expect(hashed).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hashed).not.toContain(token);
    expect(hashToken(token)).toBe(hashed);
    expect(hashToken(token + "x")).not.toBe(hashed);
  });

  it("API tokens carry a recognisable prefix", () => {
    const token = generateApiToken();
    expect(token.startsWith(API_TOKEN_PREFIX)).toBe(true);
    expect(token.length).toBe(API_TOKEN_PREFIX.length + 32);
  });
});

describe("poll access codes", () => {
  it("are 80 random bits as 16 upper-case base32 characters", () => {
    const codes = Array.from({ length: 1000 }, generateAccessCode);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{16}$/);
    expect(new Set(codes).size).toBe(1000);
  });
});
