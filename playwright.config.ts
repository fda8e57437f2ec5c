import { defineConfig, devices } from "@playwright/test";

// Browser tests run against the production build (`npm run build` first; DEV_UI=1 serves /dev/ui), served
// on its own port with a throw-away embedded database holding the demo district.
// A port (and data folder) of its own per run, so two runs on one machine do not collide. Set
// once by the runner; its workers inherit it through the environment. Below Linux's range for
// outgoing connections (32768 and up), so no client socket holds it by chance.
process.env.E2E_PORT ??= String(20000 + Math.floor(Math.random() * 10000));
const PORT = Number(process.env.E2E_PORT);
const baseURL = `http://localhost:${PORT}`;
// The run's mail server (tests/e2e/mail-sink.ts): SMTP for the app, HTTP for the tests to read what arrived.
// Ports below the app's range, so they never meet another run's app port.
process.env.E2E_SMTP_PORT ??= String(PORT - 10000);
process.env.E2E_MAILBOX_PORT ??= String(PORT - 10001);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // The machine has two cores: one for the browser, one for the server.
  workers: 2,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "en-US",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          // Debian's chromium; never a downloaded browser (see scripts/ensure-chromium.mjs).
          executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: "npx tsx tests/e2e/mail-sink.ts",
      url: `http://127.0.0.1:${process.env.E2E_MAILBOX_PORT}/healthz`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command:
        // Databases of runs that ended over an hour ago go first (a run in progress is younger).
        `mkdir -p .tmp && find .tmp -maxdepth 1 -name 'e2e-data-*' -mmin +60 -exec rm -rf {} + && ` +
        `rm -rf .tmp/e2e-data-${PORT} && NODE_ENV=production DATA_DIR=.tmp/e2e-data-${PORT} SEED_DEMO=1 DEV_UI=1 ` +
        // Browser tests sign up strangers who start districts of their own (invitation.spec.ts).
        `DISTRICT_CREATION=anyone ` +
        // Every browser test signs in from 127.0.0.1, more than a real address does in 15 minutes.
        `SIGN_IN_LIMIT_PER_ADDRESS=1000 ` +
        // Mail goes through SMTP to the run's mail server, as in a district that has configured it.
        `SMTP_URL=smtp://127.0.0.1:${process.env.E2E_SMTP_PORT} MAIL_FROM="Equity Workspaces <equity@e2e.example>" ` +
        `PORT=${PORT} LOG_LEVEL=warn node build/server/index.js`,
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
