import { describe, expect, it } from "vitest";
import type { DocNode } from "./plan-document";
import { embeddedRefs, embedRefOf, expandEmbeds } from "./plan-embeds";

const p = (text: string): DocNode => ({ type: "paragraph", content: [{ type: "text", text }] });

describe("plan embeds", () => {
  it("reads views stored before embeds had kinds, and embeds of every kind", () => {
    expect(embedRefOf({ type: "dataView", attrs: { viewId: "v1" } })).toEqual({ kind: "view", id: "v1" });
    expect(embedRefOf({ type: "embed", attrs: { kind: "poll", id: "p1" } })).toEqual({ kind: "poll", id: "p1" });
    expect(embedRefOf({ type: "embed", attrs: { kind: "page", id: "x" } })).toBeNull();
    expect(embedRefOf({ type: "embed", attrs: { kind: "poll", id: null } })).toBeNull();
    expect(embedRefOf(p("text"))).toBeNull();
  });

  it("lists each embedded object once, in document order, and expands each in place", () => {
    const doc: DocNode = {
      type: "doc",
      content: [
        { type: "embed", attrs: { kind: "poll", id: "p1" } },
        { type: "blockquote", content: [{ type: "dataView", attrs: { viewId: "v1" } }] },
        { type: "embed", attrs: { kind: "view", id: "v1" } },
      ],
    };
    expect(embeddedRefs(doc)).toEqual([
      { kind: "poll", id: "p1" },
      { kind: "view", id: "v1" },
    ]);
    const expanded = expandEmbeds(doc, (ref) => [p(`${ref.kind} ${ref.id}`)]);
    expect(expanded.content).toEqual([p("poll p1"), { type: "blockquote", content: [p("view v1")] }, p("view v1")]);
  });
});
