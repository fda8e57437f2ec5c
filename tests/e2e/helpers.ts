import AxeBuilder from "@axe-core/playwright";
import { expect, type BrowserContext, type Cookie, type Page } from "@playwright/test";

/** Demo accounts loaded by SEED_DEMO=1 (see db/seed/demo.ts). */
export const DEMO_PASSWORD = "riverbend-demo";
export const demo = {
  superintendent: "superintendent@riverbend.example",
  familyGarcia: "rosa.garcia@riverbend.example",
} as const;

/** The app under test (playwright.config.ts picks the port per run). */
export const BASE_URL = `http://localhost:${process.env.E2E_PORT}`;

/** An e-mail address nobody has used yet, so each run (and each retry) signs up afresh. */
export function uniqueEmail(prefix: string): string {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return `${prefix}.${stamp}@e2e.example`;
}

// Sessions signed in by this worker, by account: the server allows 5 sign-ins per account per 15 minutes
// (server/app.ts), fewer than the suite needs, so a later test reuses the session like a returning visitor.
const sessions = new Map<string, Cookie>();

/** Signs in through the /login form (or reuses this worker's live session) and waits until the app has moved on. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await startInEnglish(page.context());
  const saved = sessions.get(email);
  if (saved) {
    await page.context().addCookies([saved]);
    await page.goto("/workspaces");
    // A test may have signed that session out; then sign in again.
    if (!/\/login(\?|$)/.test(page.url())) return;
  }
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('main button[type="submit"]').click();
  await expect(page).not.toHaveURL(/\/login(\?|$)/);
  const session = (await page.context().cookies()).find((c) => c.name === "rq_session");
  if (session) sessions.set(email, session);
}

/** Fills in and sends the sign-up form on the current page (already on /signup). */
export async function fillSignup(page: Page, account: { name: string; email: string; password: string }) {
  await page.locator('input[name="name"]').fill(account.name);
  await page.locator('input[name="email"]').fill(account.email);
  await page.locator('input[name="password"]').fill(account.password);
  await page.locator('main button[type="submit"]').click();
  await expect(page).not.toHaveURL(/\/signup(\?|$)/);
}

/**
 * Demo accounts are shared by the whole run, and a signed-in language switch is saved to the account
 * (decision 021), so a test that signs one in starts from this device's own choice, English, unless
 * it has already chosen one — as the fixtures' tests do.
 */
export async function startInEnglish(context: BrowserContext): Promise<void> {
  if (!(await context.cookies()).some((c) => c.name === "lang")) await useLanguage(context, "en");
}

/** Chooses the interface language the way a saved choice does: with the `lang` cookie. */
export async function useLanguage(context: BrowserContext, lang: "en" | "es"): Promise<void> {
  await context.addCookies([{ name: "lang", value: lang, url: BASE_URL }]);
}

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Runs axe on the page as it is and fails on any serious or critical violation, listing them readably. */
export async function expectNoSeriousA11yViolations(page: Page, label: string): Promise<void> {
  // Wait for hydration so the scan sees the page people actually use.
  await waitForHydration(page);
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `      - ${n.target.join(" ")}\n        ${n.failureSummary?.replace(/\n/g, "\n        ") ?? ""}`)
        .join("\n");
      const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : "";
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join("\n");
  // Compare rule ids only, so the failure shows the readable report above rather than a huge object diff.
  expect(
    serious.map((v) => `${v.id} (${v.impact}, ${v.nodes.length} element${v.nodes.length === 1 ? "" : "s"})`),
    `Accessibility violations on ${label} (${page.url()}):\n${report}`,
  ).toEqual([]);
}

/** Fails when the page is wider than the viewport (horizontal scrolling). */
export async function expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const size = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(
    size.scrollWidth,
    `${label} scrolls horizontally: content is ${size.scrollWidth}px wide in a ${size.clientWidth}px viewport`,
  ).toBeLessThanOrEqual(size.clientWidth);
}

/**
 * Resolves once React has hydrated the document: Remix's router is running and the
 * last element React renders into <body> carries React's bookkeeping (hydration
 * attaches it during render, and the commit follows in the same task).
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const w = window as unknown as { __remixContext?: unknown; __remixRouter?: unknown };
    // recharts appends a text-measuring span to <body>, and an open Radix dialog, popover or menu
    // two focus-guard spans; none of them is rendered by React.
    const children = [...document.body.children].filter(
      (el) => el.id !== "recharts_measurement_span" && !el.hasAttribute("data-radix-focus-guard"),
    );
    const last = children[children.length - 1] ?? null;
    const hydrated = (el: Element | null) => Boolean(el) && Object.keys(el!).some((k) => k.startsWith("__reactProps$"));
    return Boolean(w.__remixContext && w.__remixRouter) && hydrated(document.querySelector("main")) && hydrated(last);
  });
}

export type ConsoleProblems = { messages: string[]; problems: () => string[] };

/**
 * Records console messages and uncaught page errors. `problems()` returns the ones a
 * healthy page never produces: CSP refusals, uncaught errors and React hydration errors.
 */
export function watchConsole(page: Page): ConsoleProblems {
  const messages: string[] = [];
  const found: string[] = [];
  page.on("console", (msg) => {
    const text = `[${msg.type()}] ${msg.text()} (${page.url()})`;
    messages.push(text);
    if (/Content Security Policy/i.test(msg.text())) found.push(`CSP: ${text}`);
    else if (/hydrat|did not match|Minified React error/i.test(msg.text())) found.push(`Hydration: ${text}`);
  });
  page.on("pageerror", (error) => {
    found.push(`Page error: ${error.name}: ${error.message} (${page.url()})`);
  });
  return { messages, problems: () => [...found] };
}

export type ReceivedMail = { to: string[]; decoded: string };

/**
 * The mail that has reached `address` at the run's mail server (tests/e2e/mail-sink.ts), waiting until
 * one matches `match`; headers and bodies decoded. Returns the newest match.
 */
export async function waitForMail(address: string, match: RegExp): Promise<ReceivedMail> {
  const mailbox = `http://127.0.0.1:${process.env.E2E_MAILBOX_PORT}/messages?to=${encodeURIComponent(address)}`;
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      async () => {
        const messages = (await (await fetch(mailbox)).json()) as ReceivedMail[];
        found = messages.filter((m) => match.test(m.decoded)).at(-1);
        return Boolean(found);
      },
      { message: `mail to ${address} matching ${match}`, timeout: 20_000 },
    )
    .toBe(true);
  return found!;
}
