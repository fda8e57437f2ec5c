import { describe, expect, it } from "vitest";
import { translator } from "../i18n/translate";
import { deviceFromStored, deviceLabel, parseUserAgent } from "./device";

const en = translator("en");
const es = translator("es");
const label = (ua: string | null) => deviceLabel(parseUserAgent(ua), en);

describe("parseUserAgent", () => {
  it.each([
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36",
      "Chrome on Android",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      "Safari on iPhone",
    ],
    [
      "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
      "Safari on iPad",
    ],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0", "Firefox on Windows"],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87",
      "Edge on Windows",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
      "Safari on macOS",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
      "Chrome on macOS",
    ],
    ["Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0", "Firefox on Linux"],
    [
      "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
      "Chrome on ChromeOS",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1",
      "Chrome on iPhone",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/127.0 Mobile/15E148 Safari/605.1.15",
      "Firefox on iPhone",
    ],
    [
      "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
      "Samsung Internet on Android",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0",
      "Opera on Windows",
    ],
    // A browser we do not name, on a system we do.
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64; Trident/7.0; rv:11.0) like Gecko", "Unknown browser on Windows"],
  ])("%s → %s", (ua, expected) => {
    expect(label(ua)).toBe(expected);
  });

  it("falls back to 'Unknown browser' for clients and strings it does not know", () => {
    for (const ua of [null, "", "curl/8.5.0", "node", "undici", "Mozilla/5.0", "🙂", "\u0000"]) {
      expect(label(ua), String(ua)).toBe("Unknown browser");
    }
  });

  it("never echoes the input: control characters, markup and very long strings give a name from the list", () => {
    const hostile = [
      "Chrome/1\u0000\u001b[31m<script>alert(1)</script>",
      "<img src=x onerror=alert(1)> Firefox/1 (Windows",
      "A".repeat(1_000_000),
      "Mozilla/5.0 (Windows " + "(".repeat(100_000) + " Firefox/1",
      "Mozilla/5.0 " + "Version/1.".repeat(50_000) + " Safari/",
    ];
    const started = performance.now();
    const labels = hostile.map(label);
    expect(performance.now() - started).toBeLessThan(200);
    expect(labels).toEqual([
      "Chrome",
      "Firefox on Windows",
      "Unknown browser",
      "Unknown browser on Windows",
      "Unknown browser",
    ]);
    for (const l of labels) expect(l).toMatch(/^[A-Za-z ]+$/);
  });

  it("reads only known ids back from storage", () => {
    expect(deviceFromStored("chrome", "android")).toEqual({ browser: "chrome", os: "android" });
    expect(deviceFromStored("<b>", "toString")).toEqual({ browser: null, os: null });
    expect(deviceFromStored(null, null)).toEqual({ browser: null, os: null });
  });

  it("says it in Spanish too", () => {
    expect(deviceLabel({ browser: "chrome", os: "android" }, es)).toBe("Chrome en Android");
    expect(deviceLabel({ browser: null, os: "windows" }, es)).toBe("Navegador desconocido en Windows");
    expect(deviceLabel({ browser: null, os: null }, es)).toBe("Navegador desconocido");
  });
});
