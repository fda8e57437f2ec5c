import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/** A random secret with 160 bits of entropy, safe in cookies and URLs. */
export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The shape generateToken gives: 20 bytes as 32 lower-case base32 characters. */
export const TOKEN_SHAPE = /^[a-z2-7]{32}$/;

/** What the database keeps instead of a token: its SHA-256, hex encoded. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export const API_TOKEN_PREFIX = "rqt_";

/** Personal API tokens carry a recognisable prefix so leaked ones are easy to spot and scan for. */
export function generateApiToken(): string {
  return API_TOKEN_PREFIX + generateToken();
}

/** A poll access code: 80 random bits as 16 base32 letters and digits (app/domain/access-codes.ts). */
export function generateAccessCode(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  return encodeBase32UpperCaseNoPadding(bytes);
}
