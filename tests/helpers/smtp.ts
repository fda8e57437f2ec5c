import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = {
  from: string;
  to: string[];
  raw: string;
  /** Headers and bodies with quoted-printable and encoded words decoded. */ decoded: string;
};

export type TestSmtpServer = {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Resolves once `count` messages have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /**
   * Resolves with the first message (from index `from` on) that `match` accepts: for tests where
   * other mail (a sign-up's verification) may arrive before or after the one they mean.
   */
  waitForMessage(
    match: (mail: ReceivedMail) => boolean,
    options?: { from?: number; timeoutMs?: number },
  ): Promise<ReceivedMail>;
  close(): Promise<void>;
};

/**
 * A real SMTP server in the test process, on a free port (or a given one), without TLS or
 * authentication. `refuse` names recipients it answers with 550, as a server does for an unknown mailbox.
 */
export async function startSmtpServer(options: { port?: number; refuse?: (address: string) => boolean } = {}) {
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address)) {
        const error = Object.assign(new Error("5.1.1 No such user here"), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          decoded: decodeMime(raw),
        });
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    waitFor(count: number, timeoutMs = 20_000) {
      return new Promise<ReceivedMail[]>((resolve, reject) => {
        const check = () => {
          if (received.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(received);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} messages, received ${received.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    waitForMessage(match: (mail: ReceivedMail) => boolean, options: { from?: number; timeoutMs?: number } = {}) {
      return new Promise<ReceivedMail>((resolve, reject) => {
        const check = () => {
          const found = received.slice(options.from ?? 0).find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching message among ${received.length} received`));
        }, options.timeoutMs ?? 20_000);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  } satisfies TestSmtpServer;
}

// Enough MIME decoding to read a message in assertions: quoted-printable bodies and UTF-8 encoded words.
function decodeMime(raw: string): string {
  // Folded headers: whitespace between encoded words is not part of the text (RFC 2047 §6.2).
  const unfolded = raw.replace(/\?=\r?\n?[ \t]+=\?/g, "?==?");
  const words = unfolded.replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_all, enc: string, text: string) =>
    enc.toLowerCase() === "b"
      ? Buffer.from(text, "base64").toString("utf8")
      : decodeQuotedPrintable(text.replace(/_/g, " ")),
  );
  return decodeQuotedPrintable(words.replace(/=\r?\n/g, ""));
}

function decodeQuotedPrintable(text: string): string {
  return text.replace(/(?:=[0-9A-F]{2})+/g, (run) =>
    Buffer.from(
      run
        .split("=")
        .slice(1)
        .map((h) => parseInt(h, 16)),
    ).toString("utf8"),
  );
}
