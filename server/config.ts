import path from "node:path";
import { z } from "zod";

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `must be a URL starting with ${protocols.map((p) => p + "//").join(" or ")}`);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).optional(),
  DATABASE_URL: url(["postgres:", "postgresql:"]).optional(),
  DATA_DIR: z.string().trim().min(1).default("./data"),
  REDIS_URL: url(["redis:", "rediss:"]).optional(),
  PUBLIC_URL: url(["http:", "https:"]).optional(),
  SEED_DEMO: z.enum(["0", "1"]).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type ServerConfig = {
  env: "development" | "production" | "test";
  port: number;
  host: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  publicOrigin: string | null;
  seedDemo: boolean | undefined;
  logLevel: string;
};

export class ConfigError extends Error {}

/** Reads and validates the environment; a bad value stops start-up with a message naming it. */
export function loadConfig(env: Record<string, string | undefined>): ServerConfig {
  // Treat empty strings as unset, as shells and .env files often leave them.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    dataDir: path.resolve(c.DATA_DIR),
    redisUrl: c.REDIS_URL,
    publicOrigin: c.PUBLIC_URL ? new URL(c.PUBLIC_URL).origin : null,
    seedDemo: c.SEED_DEMO === undefined ? undefined : c.SEED_DEMO === "1",
    logLevel: c.LOG_LEVEL,
  };
}
