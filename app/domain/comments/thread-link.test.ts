import { describe, expect, it } from "vitest";
import { excerpt, threadHref } from "./thread-link";

describe("threadHref", () => {
  it("opens a plan thread on its plan, a chart thread on its chart", () => {
    expect(threadHref("ws", "t1", { kind: "plan", id: "p1" })).toBe("/workspaces/ws/plans/p1?thread=t1");
    expect(threadHref("ws", "t1", { kind: "view", id: "v1" })).toBe("/workspaces/ws/views?view=v1&thread=t1");
    expect(threadHref("ws", "t1", { kind: "diagnostic", id: "school_funding/by-quartile" })).toBe(
      "/workspaces/ws/diagnostic/school_funding?thread=t1",
    );
  });
});

describe("excerpt", () => {
  it("keeps short text whole on one line", () => {
    expect(excerpt("Hola,\n¿cómo  está?")).toBe("Hola, ¿cómo está?");
  });
  it("cuts long text at a word and marks the cut", () => {
    const out = excerpt("word ".repeat(60), 20);
    expect(out).toBe("word word word word…");
    expect([...out].length).toBeLessThanOrEqual(20);
  });
  it("counts emoji as one character each and never splits one", () => {
    expect(excerpt("😀".repeat(30), 10)).toBe("😀".repeat(9) + "…");
  });
});
