import type { Translate } from "../i18n/translate";

/**
 * Names a signed-in device the way people recognise it ("Chrome on Android") from a
 * User-Agent header. Only the two ids below are stored with a session, never the header:
 * it is a fingerprint and says far more than the Account page needs.
 */

// Brand names, the same in every language.
export const browserNames = {
  edge: "Edge",
  opera: "Opera",
  samsung: "Samsung Internet",
  firefox: "Firefox",
  chrome: "Chrome",
  safari: "Safari",
} as const;
export type BrowserId = keyof typeof browserNames;

export const osNames = {
  iphone: "iPhone",
  ipad: "iPad",
  android: "Android",
  chromeos: "ChromeOS",
  windows: "Windows",
  macos: "macOS",
  linux: "Linux",
} as const;
export type OsId = keyof typeof osNames;

export type Device = { browser: BrowserId | null; os: OsId | null };

// Browsers that build on another engine name that one too (Edge and Opera say "Chrome",
// Chrome says "Safari"), so the more specific token is tried first.
const browserPatterns: [BrowserId, RegExp][] = [
  ["edge", /\b(?:Edg|EdgA|EdgiOS|Edge)\//],
  ["opera", /\b(?:OPR|OPiOS|OPT)\/|\bOpera\b/],
  ["samsung", /\bSamsungBrowser\//],
  ["firefox", /\b(?:Firefox|FxiOS)\//],
  ["chrome", /\b(?:Chrome|CriOS|Chromium)\//],
  ["safari", /\bVersion\/[\d.]+.*\bSafari\//],
];

const osPatterns: [OsId, RegExp][] = [
  ["iphone", /\biPhone\b|\biPod\b/],
  ["ipad", /\biPad\b/],
  ["android", /\bAndroid\b/],
  ["chromeos", /\bCrOS\b/],
  ["windows", /\bWindows\b/],
  ["macos", /\bMacintosh\b|\bMac OS X\b/],
  ["linux", /\bLinux\b|\bX11\b/],
];

/** Real user agents stay well under this; past it only the start is read, so any input costs little. */
const MAX_LENGTH = 512;

/** The browser and system a User-Agent names, each null when it is not one we know. */
export function parseUserAgent(userAgent: string | null | undefined): Device {
  if (typeof userAgent !== "string" || userAgent === "") return { browser: null, os: null };
  const ua = userAgent.slice(0, MAX_LENGTH);
  return {
    browser: browserPatterns.find(([, re]) => re.test(ua))?.[0] ?? null,
    os: osPatterns.find(([, re]) => re.test(ua))?.[0] ?? null,
  };
}

/** Reads ids back from storage: anything that is not a known id counts as unknown. */
export function deviceFromStored(browser: string | null, os: string | null): Device {
  return {
    browser: browser !== null && Object.hasOwn(browserNames, browser) ? (browser as BrowserId) : null,
    os: os !== null && Object.hasOwn(osNames, os) ? (os as OsId) : null,
  };
}

/** The device in the reader's words: "Chrome on Android", "Chrome", "Unknown browser on Windows" or "Unknown browser". */
export function deviceLabel(device: Device, t: Translate): string {
  const browser = device.browser ? browserNames[device.browser] : t("device.unknownBrowser");
  return device.os ? t("device.browserOnSystem", { browser, system: osNames[device.os] }) : browser;
}
