// `npm test`: type check → lint → format check → production build → unit + integration tests (vitest) → browser tests (Playwright).
// Ends with one "N passed, N failed" line covering every test that ran.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const started = Date.now();
mkdirSync(".tmp", { recursive: true });

function step(title, command, args, env = {}) {
  console.log(`\n━━ ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status === 0;
}

function fail(message) {
  console.error(`\n${message}`);
  process.exit(1);
}

if (!step("Type check", "npx", ["tsc", "--noEmit"])) fail("Type check failed.");
if (!step("Lint", "npx", ["eslint", "--max-warnings", "0", "."])) fail("Lint failed.");
if (!step("Format check", "npx", ["prettier", "--check", "--log-level", "warn", "."])) {
  fail("Formatting differs from Prettier's: run `npm run format`.");
}
if (!step("Build", "npm", ["run", "build", "--silent"], { NODE_ENV: "production" })) fail("Build failed.");

rmSync(".tmp/vitest.json", { force: true });
const vitestOk = step("Unit and integration tests", "npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=.tmp/vitest.json",
]);

let browserOk = step("Chromium", "node", ["scripts/ensure-chromium.mjs"]);
rmSync(".tmp/playwright.json", { force: true });
if (browserOk) {
  browserOk = step("Browser tests", "npx", ["playwright", "test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: ".tmp/playwright.json",
  });
}

let passed = 0;
let failed = 0;
// Failures are named again at the end, where a log that keeps only its tail still shows them.
const failures = [];
const firstLine = (text = "") =>
  String(text)
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .find((l) => l.trim()) ?? "";
if (existsSync(".tmp/vitest.json")) {
  const v = JSON.parse(readFileSync(".tmp/vitest.json", "utf8"));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  for (const file of v.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status === "failed")
        failures.push(
          `${file.name.replace(process.cwd() + "/", "")} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`,
        );
    }
    if (file.status === "failed" && !(file.assertionResults ?? []).some((t) => t.status === "failed")) {
      failures.push(`${file.name.replace(process.cwd() + "/", "")}: ${firstLine(file.message)}`);
    }
  }
}
if (existsSync(".tmp/playwright.json")) {
  const p = JSON.parse(readFileSync(".tmp/playwright.json", "utf8"));
  passed += p.stats.expected + p.stats.flaky;
  failed += p.stats.unexpected;
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === "unexpected") {
          const error = test.results?.at(-1)?.error?.message;
          failures.push(`${spec.file} › ${[...titles, spec.title].join(" › ")}: ${firstLine(error)}`);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title].filter(Boolean));
  };
  for (const suite of p.suites ?? []) walk(suite, []);
}
if (failures.length > 0) {
  console.log("\nFailed:");
  for (const line of failures) console.log(`  ✗ ${line.slice(0, 400)}`);
}
const minutes = ((Date.now() - started) / 60000).toFixed(1);
console.log(`\nAll tests finished in ${minutes} min.`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(vitestOk && browserOk && failed === 0 ? 0 : 1);
