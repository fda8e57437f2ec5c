import { defineConfig } from "vitest/config";

const integration = (name: string, driver: "pglite" | "postgres") => ({
  test: {
    name,
    include: ["tests/integration/**/*.test.ts"],
    // Tests of what only a Postgres server has (*.postgres.test.ts) run on Postgres alone.
    exclude: driver === "postgres" ? [] : ["tests/integration/**/*.postgres.test.ts"],
    setupFiles: ["tests/setup/fail-on-console-error.ts"],
    env: { TEST_DB: driver },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["app/**/*.test.ts", "server/**/*.test.ts", "db/**/*.test.ts", "tests/unit/**/*.test.ts"],
          setupFiles: ["tests/setup/fail-on-console-error.ts"],
        },
      },
      integration("integration", "pglite"),
      // The same suite against a real Postgres server when one is provided.
      ...(process.env.TEST_DATABASE_URL ? [integration("integration-postgres", "postgres")] : []),
    ],
  },
});
