import { describe, expect, it } from "vitest";
import { matchMembers, mentionAt, mentionedIds, occurrenceAt, orderThreads } from "./thread-order";

describe("occurrenceAt", () => {
  it("counts earlier appearances of the quote, as the API looks them up", () => {
    const text = "the cat and the dog\nthe end";
    expect(occurrenceAt(text, "the", 0)).toBe(1);
    expect(occurrenceAt(text, "the", 12)).toBe(2);
    expect(occurrenceAt(text, "the", 20)).toBe(3);
  });
  it("counts overlapping appearances like the API's search", () => {
    expect(occurrenceAt("aaaa", "aa", 2)).toBe(3);
  });
  it("refuses a quote that is not at the offset", () => {
    expect(occurrenceAt("the cat", "cat", 0)).toBeNull();
    expect(occurrenceAt("the cat", "", 0)).toBeNull();
  });
});

describe("orderThreads", () => {
  const t = (id: string, createdAt: string) => ({ id, createdAt });
  it("lists attached threads by position and threads on removed text last, oldest first", () => {
    const ordered = orderThreads([
      { thread: t("removed-new", "2026-01-03"), range: null },
      { thread: t("late", "2026-01-01"), range: { from: 40, to: 45 } },
      { thread: t("removed-old", "2026-01-02"), range: null },
      { thread: t("early", "2026-01-04"), range: { from: 3, to: 9 } },
      { thread: t("early-short", "2026-01-05"), range: { from: 3, to: 5 } },
    ]);
    expect(ordered.map((p) => p.thread.id)).toEqual(["early-short", "early", "late", "removed-old", "removed-new"]);
  });
});

describe("mentions", () => {
  it("finds the @word being typed before the caret", () => {
    expect(mentionAt("Hi @ros", 7)).toEqual({ start: 3, query: "ros" });
    expect(mentionAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionAt("mail a@b", 8)).toBeNull();
    expect(mentionAt("Hi @rosa garcía", 15)).toBeNull();
  });
  it("matches members by any word of their name, accents and case ignored", () => {
    const members = [{ name: "Rosa García" }, { name: "Tom Nguyen" }, { name: "Elena Márquez" }];
    expect(matchMembers(members, "gar")).toEqual([{ name: "Rosa García" }]);
    expect(matchMembers(members, "MARQ")).toEqual([{ name: "Elena Márquez" }]);
    expect(matchMembers(members, "")).toHaveLength(3);
  });
  it("sends only the mentions still in the body", () => {
    const picked = [
      { userId: "u1", name: "Rosa García" },
      { userId: "u2", name: "Tom Nguyen" },
    ];
    expect(mentionedIds("Thanks @Rosa García!", picked)).toEqual(["u1"]);
  });
});
