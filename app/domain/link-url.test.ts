import { describe, expect, it } from "vitest";
import { parseLinkUrl } from "./link-url";

describe("parseLinkUrl", () => {
  it.each([
    ["https://riverbend.example/budget", "https://riverbend.example/budget"],
    ["  http://riverbend.example  ", "http://riverbend.example/"],
    ["HTTPS://Riverbend.Example/A?b=1#c", "https://riverbend.example/A?b=1#c"],
    ["riverbend.example/budget", "https://riverbend.example/budget"],
    ["mailto:rosa.garcia@riverbend.example", "mailto:rosa.garcia@riverbend.example"],
    ["MAILTO:board@riverbend.example?subject=Plan", "mailto:board@riverbend.example?subject=Plan"],
  ])("accepts %j as %j", (input, href) => {
    expect(parseLinkUrl(input)).toEqual({ ok: true, href });
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:void(0)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://riverbend.example/",
    "tel:+15555550100",
  ])("refuses the scheme of %j", (input) => {
    expect(parseLinkUrl(input)).toEqual({ ok: false, reason: "scheme" });
  });

  it.each(["https://", "java\nscript:alert(1)", "http://exa mple.org", "mailto:", "mailto:nobody", "https://[::1"])(
    "refuses the malformed %j",
    (input) => {
      expect(parseLinkUrl(input)).toEqual({ ok: false, reason: "invalid" });
    },
  );

  it("asks for an address when given none", () => {
    expect(parseLinkUrl("   ")).toEqual({ ok: false, reason: "empty" });
  });
});
