import path from "node:path";
import { z } from "zod";
import { districtCreationSettings, type DistrictCreation } from "../app/domain/permissions";

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => p + "//").join(" or ")}`,
    );

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).optional(),
  DATABASE_URL: url(["postgres:", "postgresql:"]).optional(),
  DATA_DIR: z.string().trim().min(1).default("./data"),
  REDIS_URL: url(["redis:", "rediss:"]).optional(),
  PUBLIC_URL: url(["http:", "https:"]).optional(),
  SMTP_URL: url(["smtp:", "smtps:"]).optional(),
  MAIL_FROM: z.string().trim().min(3).optional(),
  NOTIFY_MAIL_INTERVAL_MS: z.coerce
    .number({ error: () => "must be a number of milliseconds, e.g. 60000" })
    .int("must be a whole number of milliseconds")
    .min(1000, "must be at least 1000 (one second)")
    .max(3_600_000, "must be at most 3600000 (one hour)")
    .default(60_000),
  // Sign-ins and sign-ups from one address per 15 minutes: a school's family night shares one address.
  SIGN_IN_LIMIT_PER_ADDRESS: z.coerce
    .number({ error: () => "must be a number, e.g. 30" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(100_000, "must be at most 100000")
    .default(30),
  SEED_DEMO: z.enum(["0", "1"]).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DISTRICT_CREATION: z
    .enum(districtCreationSettings, {
      error: () =>
        `must be "admins" (only instance administrators create districts) or "anyone" (every signed-in account)`,
    })
    .default("admins"),
});

export type ServerConfig = {
  env: "development" | "production" | "test";
  port: number;
  host: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  publicOrigin: string | null;
  /** Outgoing mail; null when SMTP_URL is unset (messages then wait in the outbox). */
  mail: { smtpUrl: string; from: string } | null;
  /** How often each process looks for votes that opened and digests that are due. */
  notifyMailIntervalMs: number;
  /** Sign-ins and sign-ups allowed from one client address per 15 minutes. */
  signInLimitPerAddress: number;
  seedDemo: boolean | undefined;
  logLevel: string;
  districtCreation: DistrictCreation;
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
  if (c.SMTP_URL && !c.MAIL_FROM) {
    throw new ConfigError(
      `Invalid configuration:\n  MAIL_FROM: must be set with SMTP_URL, e.g. MAIL_FROM="Equity Workspaces <equity@example.org>"`,
    );
  }
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    dataDir: path.resolve(c.DATA_DIR),
    redisUrl: c.REDIS_URL,
    publicOrigin: c.PUBLIC_URL ? new URL(c.PUBLIC_URL).origin : null,
    mail: c.SMTP_URL && c.MAIL_FROM ? { smtpUrl: c.SMTP_URL, from: c.MAIL_FROM } : null,
    notifyMailIntervalMs: c.NOTIFY_MAIL_INTERVAL_MS,
    signInLimitPerAddress: c.SIGN_IN_LIMIT_PER_ADDRESS,
    seedDemo: c.SEED_DEMO === undefined ? undefined : c.SEED_DEMO === "1",
    logLevel: c.LOG_LEVEL,
    districtCreation: c.DISTRICT_CREATION,
  };
}

/** Whether a HOST value only accepts connections from this machine. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false; // unset: every interface
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h) || h === "::ffff:127.0.0.1";
}

/**
 * Without PUBLIC_URL the app takes its own origin from each request's Host
 * header, for invitation links and for the CSRF origin check. On loopback only
 * this machine can send that header; reachable from elsewhere, a client (or a
 * proxy passing Host through) decides it, so the operator should hear once.
 */
export function hostHeaderWarning(config: Pick<ServerConfig, "publicOrigin" | "host">): string | null {
  if (config.publicOrigin || isLoopbackHost(config.host)) return null;
  const where = config.host ? `on ${config.host}` : "on every network interface (HOST is unset)";
  return (
    `PUBLIC_URL is not set and the server listens ${where}: invitation links and origin checks ` +
    `trust each request's Host header. Set PUBLIC_URL to the address people use (e.g. PUBLIC_URL=https://equity.example.org), ` +
    `or HOST=127.0.0.1 to listen on this machine only.`
  );
}
