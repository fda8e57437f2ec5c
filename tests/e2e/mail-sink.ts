import { createServer } from "node:http";
import { startSmtpServer } from "../helpers/smtp";

// The browser tests' mail server: a real SMTP server (the app's worker delivers to it as to a
// district's) and, beside it, a read-only HTTP view of what arrived, which tests read the way a
// person reads their inbox. Started by playwright.config.ts before the app, on ports derived from
// the run's port.

const smtpPort = Number(process.env.E2E_SMTP_PORT);
const httpPort = Number(process.env.E2E_MAILBOX_PORT);
const smtp = await startSmtpServer({ port: smtpPort });

createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (url.pathname === "/healthz") return void response.end("ok");
  if (url.pathname !== "/messages") return void response.writeHead(404).end();
  const to = url.searchParams.get("to")?.toLowerCase();
  const messages = smtp.received
    .filter((m) => !to || m.to.some((address) => address.toLowerCase() === to))
    .map((m) => ({ to: m.to, decoded: m.decoded }));
  response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(messages));
}).listen(httpPort, "127.0.0.1");
