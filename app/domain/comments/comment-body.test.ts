import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bodySegments, COMMENT_MAX_CHARACTERS, parseCommentBody } from "./comment-body";

describe("parseCommentBody", () => {
  it("keeps line breaks, trims the ends and makes line endings \\n", () => {
    expect(parseCommentBody("  First line\r\nSecond\rThird\n\n")).toEqual({
      ok: true,
      body: "First line\nSecond\nThird",
    });
  });

  it("refuses empty, over-long and non-text bodies", () => {
    expect(parseCommentBody("   \n ")).toEqual({ ok: false, error: "empty" });
    expect(parseCommentBody(42)).toEqual({ ok: false, error: "not_text" });
    expect(parseCommentBody("a\u0000b")).toEqual({ ok: false, error: "not_text" });
    expect(parseCommentBody("hidden\u001btext")).toEqual({ ok: false, error: "not_text" });
    expect(parseCommentBody("half \ud800 pair")).toEqual({ ok: false, error: "not_text" });
    expect(parseCommentBody("a".repeat(COMMENT_MAX_CHARACTERS + 1))).toEqual({ ok: false, error: "too_long" });
  });

  it("counts characters as people do: 5,000 emoji fit", () => {
    expect(parseCommentBody("👍".repeat(COMMENT_MAX_CHARACTERS)).ok).toBe(true);
    expect(parseCommentBody("¿Por qué baja el gasto? ñ".repeat(100)).ok).toBe(true);
  });

  it("never accepts a body it would change on a second pass, nor throws, for any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (raw) => {
        const first = parseCommentBody(raw);
        if (first.ok) expect(parseCommentBody(first.body)).toEqual(first);
      }),
    );
  });
});

describe("bodySegments", () => {
  it("makes http(s) links clickable and leaves the sentence's punctuation out", () => {
    expect(
      bodySegments("See https://example.org/report.pdf, then (https://en.wikipedia.org/wiki/Title_I_(ESEA))."),
    ).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://example.org/report.pdf", href: "https://example.org/report.pdf" },
      { kind: "text", text: ", then (" },
      {
        kind: "link",
        text: "https://en.wikipedia.org/wiki/Title_I_(ESEA)",
        href: "https://en.wikipedia.org/wiki/Title_I_(ESEA)",
      },
      { kind: "text", text: ")." },
    ]);
  });

  it("keeps everything else as text: other schemes and markup are not rendered", () => {
    const body = 'javascript:alert(1) <b>bold</b> <a href="https://x.example">x</a> data:text/html,hi';
    const segments = bodySegments(body);
    expect(segments.filter((s) => s.kind === "link").map((s) => (s as { href: string }).href)).toEqual([
      "https://x.example/",
    ]);
    expect(segments.map((s) => ("text" in s ? s.text : "\n")).join("")).toBe(body);
  });

  it("turns line breaks into breaks and loses no text, for any body", () => {
    expect(bodySegments("one\ntwo")).toEqual([
      { kind: "text", text: "one" },
      { kind: "break" },
      { kind: "text", text: "two" },
    ]);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (body) => {
        const text = bodySegments(body)
          .map((s) => (s.kind === "break" ? "\n" : s.text))
          .join("");
        expect(text).toBe(body);
      }),
    );
  });
});
