import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CommentText } from "./comment-text";

const html = (body: string) => renderToStaticMarkup(createElement(CommentText, { body }));

describe("CommentText", () => {
  it("keeps line breaks and makes http(s) links clickable, opening apart from the app", () => {
    expect(html("See https://example.org/a.\nThanks")).toBe(
      '<p class="comment__body">See <a href="https://example.org/a" target="_blank" rel="noopener noreferrer nofollow ugc">https://example.org/a</a>.<br/>Thanks</p>',
    );
  });

  it("renders markup as the text it is, and no other kind of link", () => {
    const out = html('<b>bold</b> <a href="javascript:alert(1)">x</a> javascript:alert(1)');
    expect(out).not.toContain("<b>");
    expect(out).not.toContain("<a");
    expect(out).toContain("&lt;b&gt;bold&lt;/b&gt;");
  });
});
