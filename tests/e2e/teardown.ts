import { rmSync } from "node:fs";

/** Removes this run's throw-away database (playwright.config.ts names it after the run's port). */
export default function teardown() {
  rmSync(`.tmp/e2e-data-${process.env.E2E_PORT}`, { recursive: true, force: true });
}
