/**
 * Long-lived responses (event streams) per user in this process. Each open
 * stream holds a connection, a timer and a listener; without a cap one account
 * could open thousands across tabs or scripts and exhaust the server.
 */
export class StreamSlots {
  private readonly open = new Map<string, number>();

  constructor(readonly perUser: number) {}

  /** Takes a slot for the user; returns its release (safe to call more than once), or null when all are taken. */
  acquire(userId: string): (() => void) | null {
    const count = this.open.get(userId) ?? 0;
    if (count >= this.perUser) return null;
    this.open.set(userId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(userId) ?? 1) - 1;
      if (left > 0) this.open.set(userId, left);
      else this.open.delete(userId);
    };
  }

  /** Open streams of a user, for tests and diagnostics. */
  count(userId: string): number {
    return this.open.get(userId) ?? 0;
  }
}
