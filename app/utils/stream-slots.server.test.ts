import { describe, expect, it } from "vitest";
import { StreamSlots } from "./stream-slots.server";

describe("StreamSlots", () => {
  it("gives each user up to the limit, and a released slot back once however often it is released", () => {
    const slots = new StreamSlots(2);
    const a1 = slots.acquire("a");
    const a2 = slots.acquire("a");
    expect(a1 && a2).toBeTruthy();
    expect(slots.acquire("a")).toBeNull();
    expect(slots.acquire("b")).not.toBeNull();
    a1!();
    a1!();
    expect(slots.count("a")).toBe(1);
    expect(slots.acquire("a")).not.toBeNull();
    expect(slots.acquire("a")).toBeNull();
  });
});
