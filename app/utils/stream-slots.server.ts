/**
 * Long-lived responses (event streams) per user in this process. Each open
 * stream holds a connection, a timer and a listener; without a cap one account
 * could open thousands across tabs or scripts and exhaust the server.
 *
 * At the cap, a new stream takes the slot of the user's oldest one, which is told
 * to come back later (see event-stream.server.ts): the tab in front of the reader
 * gets live updates, and a slot held by a connection that died without closing
 * (a laptop put to sleep, a dropped network) cannot lock the reader out.
 */
export class StreamSlots {
  private readonly open = new Map<string, Set<{ evict: () => void }>>();

  constructor(readonly perUser: number) {}

  /**
   * Takes a slot for the user, first ending their oldest stream (`evict`) when all are
   * taken. Returns the slot's release, safe to call more than once.
   */
  acquire(userId: string, evict: () => void = () => {}): () => void {
    const held = this.open.get(userId) ?? new Set();
    this.open.set(userId, held);
    // A Set keeps insertion order: the first entry is the oldest stream.
    while (held.size >= this.perUser) {
      const oldest = held.values().next().value!;
      held.delete(oldest);
      oldest.evict();
    }
    const entry = { evict };
    held.add(entry);
    return () => {
      held.delete(entry);
      if (held.size === 0 && this.open.get(userId) === held) this.open.delete(userId);
    };
  }

  /** Open streams of a user, for tests and diagnostics. */
  count(userId: string): number {
    return this.open.get(userId)?.size ?? 0;
  }
}
