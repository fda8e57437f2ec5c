import { eq, sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox } from "../../db/schema";
import { passwordResetMail } from "../../app/mail/password-reset.server";
import { enqueueMail } from "../../app/models/mail-outbox.server";
import { devMailEnabled } from "../../app/utils/dev-ui.server";
import { createMailWorker, type MailWorker } from "../../server/mail/worker";
import { waitFor } from "../helpers/collab";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtp";

// The outbox and its worker against a real SMTP server in this process. The app runs without
// SMTP settings (as in development), so what the workers below do not send stays queued.

let app: TestServer;
const logger = pino({ level: "silent" });
const FROM = "Equity Workspaces <equity@example.org>";
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app.close();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await app.db.delete(mailOutbox);
});

function worker(smtpUrl: string, options: { retryBaseMs?: number } = {}): MailWorker {
  const w = createMailWorker({ db: app.db, logger, smtpUrl, from: FROM, pollMs: 50, ...options });
  cleanups.push(() => w.close());
  return w;
}

async function smtp(options: Parameters<typeof startSmtpServer>[0] = {}): Promise<TestSmtpServer> {
  const server = await startSmtpServer(options);
  cleanups.push(() => server.close());
  return server;
}

async function queueReset(to: string, locale: "en" | "es" = "en", name = "Rosa") {
  const content = passwordResetMail(locale, {
    name,
    url: `https://equity.example.org/reset-password/tok-${to}`,
    districtName: "Riverbend Unified",
  });
  await enqueueMail(app.db, { to, locale, kind: "password_reset", ...content });
}

const rowFor = async (to: string) => (await app.db.select().from(mailOutbox).where(eq(mailOutbox.to, to)))[0]!;

describe("the mail worker", () => {
  it("sends a queued message through SMTP, in the recipient's language, and marks it sent", async () => {
    const server = await smtp();
    await queueReset("rosa@example.org", "es");
    expect(await worker(server.url).runOnce()).toBe(1);

    const [mail] = await server.waitFor(1);
    expect(mail!.to).toEqual(["rosa@example.org"]);
    expect(mail!.from).toBe("equity@example.org");
    expect(mail!.decoded).toContain("Subject: Restablezca su contraseña de Espacios de Equidad");
    expect(mail!.decoded).toContain("Hola, Rosa:");
    expect(mail!.decoded).toContain("https://equity.example.org/reset-password/tok-rosa@example.org");
    expect(mail!.decoded).toContain("Espacios de Equidad · Riverbend Unified");
    // Plain text and HTML, both.
    expect(mail!.raw).toMatch(/Content-Type: text\/plain/);
    expect(mail!.raw).toMatch(/Content-Type: text\/html/);

    const row = await rowFor("rosa@example.org");
    expect(row).toMatchObject({ state: "sent", attempts: 1, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  it("sends each message once while two workers race for the outbox", async () => {
    const server = await smtp();
    const count = 30;
    for (let i = 0; i < count; i++) await queueReset(`person${i}@example.org`);
    const a = worker(server.url);
    const b = worker(server.url);
    const [byA, byB] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(byA + byB).toBe(count);

    await server.waitFor(count);
    const recipients = server.received.flatMap((m) => m.to);
    expect(new Set(recipients).size).toBe(count);
    expect(recipients).toHaveLength(count);
    const rows = await app.db.select().from(mailOutbox);
    expect(rows.every((r) => r.state === "sent" && r.attempts === 1)).toBe(true);
    // Nothing is due any more: a third round finds nothing.
    expect(await a.runOnce()).toBe(0);
  });

  it("retries with back-off after the mail server refused the connection", async () => {
    // A port where nothing listens: take a free one and let it go.
    const probe = await startSmtpServer();
    const port = probe.port;
    await probe.close();

    await queueReset("later@example.org");
    const w = worker(`smtp://127.0.0.1:${port}`, { retryBaseMs: 200 });
    expect(await w.runOnce()).toBe(1);
    const failed = await rowFor("later@example.org");
    expect(failed).toMatchObject({ state: "queued", attempts: 1 });
    expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    const server = await smtp({ port });
    w.start();
    await server.waitFor(1);
    await waitFor(async () => (await rowFor("later@example.org")).state === "sent", 20_000, "state sent");
    expect((await rowFor("later@example.org")).attempts).toBe(2);
    expect(server.received).toHaveLength(1);
  });

  it("marks a message bounced when the server refuses the recipient with 550, and does not retry", async () => {
    const server = await smtp({ refuse: (address) => address === "nobody@example.org" });
    await queueReset("nobody@example.org");
    const w = worker(server.url, { retryBaseMs: 1 });
    expect(await w.runOnce()).toBe(1);
    const row = await rowFor("nobody@example.org");
    expect(row.state).toBe("bounced");
    expect(row.lastError).toMatch(/550/);
    expect(await w.runOnce()).toBe(0);
    expect(server.received).toHaveLength(0);
  });

  it("claims with FOR UPDATE SKIP LOCKED: a row locked by another transaction is skipped, not waited for", async () => {
    const server = await smtp();
    await queueReset("locked@example.org");
    const w = worker(server.url);
    // PGlite runs one transaction at a time, so the lock can only be held across connections on Postgres.
    if (app.database.driver === "postgres") {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const holder = app.db.transaction(async (tx) => {
        await tx.execute(sql`select id from mail_outbox for update`);
        locked();
        await held;
      });
      await isLocked;
      expect(await w.runOnce()).toBe(0);
      release();
      await holder;
    }
    expect(await w.runOnce()).toBe(1);
    await server.waitFor(1);
  });
});

describe("without SMTP settings", () => {
  it("keeps messages queued and lists them at /dev/mail", async () => {
    await queueReset("waiting@example.org", "en", "Dana");
    const response = await fetch(app.url + "/dev/mail");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Reset your Equity Workspaces password");
    expect(html).toContain("waiting@example.org");
    expect(html).toContain('href="https://equity.example.org/reset-password/tok-waiting@example.org"');
    expect((await rowFor("waiting@example.org")).state).toBe("queued");
  });

  it("shows /dev/mail outside production only (or with DEV_UI=1 for the browser tests)", () => {
    expect(devMailEnabled(false, {})).toBe(true);
    expect(devMailEnabled(true, {})).toBe(false);
    expect(devMailEnabled(true, { DEV_UI: "1" })).toBe(true);
  });
});
