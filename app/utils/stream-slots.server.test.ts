import { describe, expect, it, vi } from "vitest";
import { StreamSlots } from "./stream-slots.server";

describe("StreamSlots", () => {
  it("gives each user up to the limit, and a released slot back once however often it is released", () => {
    const slots = new StreamSlots(2);
    const a1 = slots.acquire("a");
    const second = vi.fn();
    slots.acquire("a", second);
    expect(slots.count("a")).toBe(2);
    slots.acquire("b");
    expect(slots.count("b")).toBe(1);
    a1();
    a1();
    expect(slots.count("a")).toBe(1);
    // The slot given back is free again: taking it ends no one's stream.
    slots.acquire("a");
    expect(slots.count("a")).toBe(2);
    expect(second).not.toHaveBeenCalled();
  });

  it("at the limit, ends the user's oldest stream to make room, and no one else's", () => {
    const slots = new StreamSlots(2);
    const evicted = [vi.fn(), vi.fn(), vi.fn()];
    const other = vi.fn();
    slots.acquire("b", other);
    slots.acquire("a", evicted[0]);
    slots.acquire("a", evicted[1]);
    slots.acquire("a", evicted[2]);
    expect(evicted.map((e) => e.mock.calls.length)).toEqual([1, 0, 0]);
    expect(other).not.toHaveBeenCalled();
    expect(slots.count("a")).toBe(2);
  });
});
