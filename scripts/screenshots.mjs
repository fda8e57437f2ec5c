// `npm run screenshots`: PNGs of the main screens at 1280 and 360 px, in English and Spanish, in
// docs/screenshots/ with an index (README.md), so a reviewer sees the product without running it.
// Runs the production build (built first when missing or stale) with the demo district, on a
// throw-away database, like the browser tests (playwright.config.ts), and the system's Chromium.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const OUT = "docs/screenshots";
const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 360, height: 740 },
];
const LANGS = ["en", "es"];
// Long pages are cut at this height (CSS px) to keep the images small: the top is what people see first.
const MAX_HEIGHT = { 1280: 1500, 360: 2000 };
const PASSWORD = "riverbend-demo";

/** The screens, each with the account that shows it best and what to wait for before the picture. */
const SCREENS = [
  {
    name: "workspace-home",
    title: { en: "Workspace home (cabinet)", es: "Inicio del espacio de trabajo (gabinete)" },
    account: "superintendent@riverbend.example",
    path: "/workspaces/cabinet-strategic-plan",
  },
  {
    name: "workspace-home-family",
    title: { en: "Workspace home (a family member)", es: "Inicio del espacio de trabajo (una familia)" },
    account: "rosa.garcia@riverbend.example",
    path: "/workspaces/family-budget-priorities",
  },
  {
    name: "plan",
    title: { en: "A plan beside a live chart", es: "Un plan junto a un gráfico en vivo" },
    account: "superintendent@riverbend.example",
    path: "/workspaces/cabinet-strategic-plan",
    // The plan's address has its id: follow the first plan link.
    open: async (page) => {
      await page.locator('a[href*="/plans/"]').first().click();
      await page.locator('[data-status="connected"]').waitFor();
      await page.locator(".plan-document").waitFor();
      await page
        .locator(".plan-document figure, .plan-document .data-view")
        .first()
        .waitFor()
        .catch(() => {});
    },
  },
  {
    name: "plan-family",
    title: { en: "A family member reading the review", es: "Una familia lee la revisión" },
    account: "rosa.garcia@riverbend.example",
    path: "/workspaces/family-budget-priorities",
    // The review in the reader's language; its decision boxes say why they cannot be ticked.
    open: async (page, lang) => {
      const title =
        lang === "es" ? "Tutoría intensiva: revisión del retorno de la inversión" : "High-dosage tutoring: ROI review";
      await page.locator("#plans-heading").locator("..").getByRole("link", { name: title, exact: true }).click();
      await page.locator('[data-status="connected"]').waitFor();
      await page.locator(".task-list-note").waitFor();
    },
  },
  {
    name: "diagnostic",
    title: { en: "Data diagnostic: school funding", es: "Diagnóstico de datos: financiación escolar" },
    account: "superintendent@riverbend.example",
    path: "/workspaces/cabinet-strategic-plan/diagnostic/school_funding",
  },
  {
    name: "views",
    title: { en: "Saved data views and the view builder", es: "Vistas de datos guardadas y el creador de vistas" },
    account: "superintendent@riverbend.example",
    path: "/workspaces/cabinet-strategic-plan/views",
  },
  {
    name: "account",
    title: { en: "Account", es: "Cuenta" },
    account: "superintendent@riverbend.example",
    path: "/account",
  },
];

function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")}: ${code}`))));
  });
}

async function startServer() {
  const port = 20000 + Math.floor(Math.random() * 10000);
  const dataDir = `.tmp/screenshots-data-${port}`;
  rmSync(dataDir, { recursive: true, force: true });
  const server = spawn("node", ["build/server/index.js"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATA_DIR: dataDir,
      SEED_DEMO: "1",
      PORT: String(port),
      LOG_LEVEL: "warn",
    },
  });
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the server did not start within 90 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    async stop() {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in once per account (the server limits sign-ins) and keeps the session cookie. */
async function sessionCookie(browser, url, email) {
  const context = await browser.newContext({ baseURL: url });
  const page = await context.newPage();
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('main button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  const cookie = (await context.cookies()).find((c) => c.name === "rq_session");
  await context.close();
  if (!cookie) throw new Error(`could not sign in as ${email}`);
  return cookie;
}

async function settle(page) {
  // Hydrated (as tests/e2e/helpers.ts waitForHydration), fonts laid out, charts drawn.
  await page.waitForFunction(() => {
    const main = document.querySelector("main");
    return (
      Boolean(window.__remixRouter) && Boolean(main) && Object.keys(main).some((k) => k.startsWith("__reactProps$"))
    );
  });
  await page.evaluate(() => document.fonts.ready);
  await page.waitForLoadState("networkidle");
  // Charts animate in; a frame or two after the last one is drawn is enough.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
}

async function main() {
  await run("node", ["scripts/ensure-build.mjs"]);
  await run("node", ["scripts/ensure-chromium.mjs"]);
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT)) if (f.endsWith(".png")) rmSync(path.join(OUT, f));

  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-quic"],
  });
  const written = [];
  try {
    const sessions = new Map();
    for (const screen of SCREENS) {
      if (!sessions.has(screen.account))
        sessions.set(screen.account, await sessionCookie(browser, server.url, screen.account));
    }
    for (const screen of SCREENS) {
      for (const lang of LANGS) {
        for (const viewport of WIDTHS) {
          const context = await browser.newContext({
            baseURL: server.url,
            viewport,
            locale: lang === "es" ? "es-US" : "en-US",
            reducedMotion: "reduce",
          });
          await context.addCookies([sessions.get(screen.account), { name: "lang", value: lang, url: server.url }]);
          const page = await context.newPage();
          await page.goto(screen.path);
          await settle(page);
          if (screen.open) {
            await screen.open(page, lang);
            await settle(page);
          }
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          const file = `${screen.name}.${viewport.width}.${lang}.png`;
          await page.screenshot({
            path: path.join(OUT, file),
            fullPage: true,
            clip: { x: 0, y: 0, width: viewport.width, height: Math.min(height, MAX_HEIGHT[viewport.width]) },
            animations: "disabled",
            caret: "hide",
          });
          written.push({ file, screen, lang, width: viewport.width, bytes: statSync(path.join(OUT, file)).size });
          console.log(`${file} (${Math.round(statSync(path.join(OUT, file)).size / 1024)} KB)`);
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  writeIndex(written);
  const total = written.reduce((s, w) => s + w.bytes, 0);
  console.log(`${written.length} screenshots, ${(total / 1024 / 1024).toFixed(1)} MB, in ${OUT}/`);
}

function writeIndex(written) {
  const lines = [
    "# Screenshots",
    "",
    "Written by `npm run screenshots` (scripts/screenshots.mjs) from the production build with the demo",
    `district (Riverbend), at 1280 and 360 px wide, in English and Spanish. Pages longer than the limit`,
    `(${MAX_HEIGHT[1280]} px at 1280, ${MAX_HEIGHT[360]} px at 360) are cut there. Re-run the script to refresh them.`,
    "",
    "| Screen | Width | English | Español |",
    "| --- | --- | --- | --- |",
  ];
  for (const screen of SCREENS) {
    for (const { width } of WIDTHS) {
      const cell = (lang) => {
        const w = written.find((x) => x.screen === screen && x.lang === lang && x.width === width);
        return w ? `[${w.file}](${w.file})` : "—";
      };
      lines.push(`| ${screen.title.en} · ${screen.title.es} | ${width} px | ${cell("en")} | ${cell("es")} |`);
    }
  }
  lines.push("");
  writeFileSync(path.join(OUT, "README.md"), lines.join("\n"));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
