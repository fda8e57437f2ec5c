import { describe, expect, it } from "vitest";
import { MAX_MAIL_ATTEMPTS, retryDelayMs } from "./mail";

describe("retryDelayMs", () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [9, 7_680_000],
    [11, 6 * 60 * 60 * 1000],
    [MAX_MAIL_ATTEMPTS, 6 * 60 * 60 * 1000],
  ])("after attempt %d waits %d ms", (attempts, ms) => {
    expect(retryDelayMs(attempts)).toBe(ms);
  });

  it("gives a stopped mail server about a day and a half before a message counts as failed", () => {
    let total = 0;
    for (let attempt = 1; attempt < MAX_MAIL_ATTEMPTS; attempt++) total += retryDelayMs(attempt);
    expect(total / 3_600_000).toBeGreaterThan(24);
    expect(total / 3_600_000).toBeLessThan(48);
  });
});
