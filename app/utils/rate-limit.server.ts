/**
 * A fixed-window counter per key, kept in this process's memory. Sign-in
 * limits only need to slow guessing down; when several processes serve the
 * app, each keeps its own count (the limit is then per process).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until the key may try again, or 0 when it is not blocked. */
  retryAfter(key: string): number {
    const w = this.current(key);
    return w && w.count >= this.limit ? w.resetAt - this.now() : 0;
  }

  /** Counts one attempt against the key. */
  hit(key: string): void {
    const w = this.current(key);
    if (w) w.count++;
    else this.windows.set(key, { count: 1, resetAt: this.now() + this.windowMs });
    if (this.windows.size > 100_000) this.sweep();
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private current(key: string) {
    const w = this.windows.get(key);
    if (w && w.resetAt <= this.now()) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  private sweep() {
    const now = this.now();
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
  }
}
