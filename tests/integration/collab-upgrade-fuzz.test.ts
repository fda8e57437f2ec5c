import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../helpers/client";
import { rawStatusLine } from "../helpers/raw-socket";
import { startTestServer, type TestServer } from "../helpers/server";
import { createPlan, createWorkspace, signedUp } from "../helpers/workspace";

// Upgrade requests built by fast-check, sent byte for byte over TCP to the real server.
const RUNS = Number(process.env.FUZZ_UPGRADES ?? 1000);

let app: TestServer;
let owner: TestClient;
let planId: string;

beforeAll(async () => {
  app = await startTestServer({ collab: { limits: { connectionsPerUser: 1_000_000 } } });
  owner = await signedUp(app.url, "Owner", "owner");
  const workspace = await createWorkspace(owner, "Upgrade District", "Plans");
  planId = await createPlan(owner, workspace, { title: "Plan" });
});
afterAll(() => app.close());

// Header text without CR and LF (those would end the header early, which is a different request).
const headerChar = fc.oneof(
  { arbitrary: fc.integer({ min: 0x20, max: 0x7e }), weight: 30 },
  { arbitrary: fc.constantFrom(0x00, 0x01, 0x09, 0x7f), weight: 1 },
  { arbitrary: fc.integer({ min: 0x80, max: 0xff }), weight: 1 },
);
const headerText = fc.array(headerChar, { maxLength: 60 }).map((codes) => Buffer.from(codes).toString("latin1"));
const escapes = fc
  .array(
    fc.oneof(fc.constantFrom("%", "%E0", "%A4", "%A", "%ZZ", "%00", "%2F", "/", "..", "[", "]", "?", "#"), headerText),
    {
      maxLength: 6,
    },
  )
  .map((parts) => parts.join("").replace(/[\s]/g, ""));

const target = fc
  .oneof(
    { arbitrary: fc.constant(() => `/collab/${planId}`), weight: 4 },
    {
      arbitrary: fc.constantFrom(
        "http://[/x",
        "http://[/collab/x",
        "*",
        "//evil/collab/x",
        "/collab/",
        "/collab",
        "/",
        "/x",
      ),
      weight: 1,
    },
    { arbitrary: escapes.map((e) => `/collab/${e}`), weight: 2 },
    { arbitrary: escapes.map((e) => `http://${e}/collab/${e}`), weight: 1 },
    { arbitrary: escapes.map((e) => `/${e}`), weight: 1 },
  )
  .map((t) => (typeof t === "function" ? t : () => t));

// Absent one time in `freq`.
const optional = <T>(a: fc.Arbitrary<T>, freq = 2) => fc.option(a, { nil: undefined, freq });
// Present one time in `freq`.
const rare = <T>(a: fc.Arbitrary<T>, freq = 6) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: freq - 1 }, { arbitrary: a, weight: 1 });

const headers = fc.record({
  cookie: optional(
    fc.oneof(
      { arbitrary: fc.constant(() => owner.cookieHeader()), weight: 3 },
      { arbitrary: headerText.map((t) => () => `rq_session=${t}`), weight: 1 },
      { arbitrary: headerText.map((t) => () => t), weight: 1 },
    ),
    5,
  ),
  authorization: rare(
    fc.oneof(
      headerText.map((t) => `Bearer ${t}`),
      headerText,
    ),
  ),
  origin: optional(
    fc.oneof(
      fc.constant(() => app.url),
      headerText.map((t) => () => t),
    ),
  ),
  // Never empty: with an empty Upgrade header Node hands the request to the pages, which is not this test's subject.
  upgrade: fc.oneof(
    { arbitrary: fc.constant("websocket"), weight: 4 },
    { arbitrary: headerText.map((t) => "x" + t), weight: 1 },
  ),
  key: optional(
    fc.oneof({ arbitrary: fc.constant("dGhlIHNhbXBsZSBub25jZQ=="), weight: 4 }, { arbitrary: headerText, weight: 1 }),
    10,
  ),
  version: optional(fc.oneof({ arbitrary: fc.constant("13"), weight: 4 }, { arbitrary: headerText, weight: 1 }), 10),
  protocol: rare(headerText, 3),
  extensions: rare(fc.oneof(fc.constant("permessage-deflate; client_max_window_bits"), headerText), 3),
  method: fc.oneof(
    { arbitrary: fc.constant("GET"), weight: 6 },
    { arbitrary: fc.constantFrom("POST", "PUT", "BREW"), weight: 1 },
  ),
});

describe("fuzzing WebSocket upgrade requests", () => {
  it(
    `answers ${RUNS} generated upgrade requests with a status line, never a server error or silence`,
    // Each request with a cookie is authorized against the embedded database: longer than 30 s when loaded.
    { timeout: 120_000 },
    async () => {
      const host = new URL(app.url).host;
      const statuses = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(target, headers, async (makeTarget, h) => {
          const lines = [
            `${h.method} ${makeTarget()} HTTP/1.1`,
            `Host: ${host}`,
            "Connection: Upgrade",
            `Upgrade: ${h.upgrade}`,
            ...(h.cookie ? [`Cookie: ${h.cookie()}`] : []),
            ...(h.authorization !== undefined ? [`Authorization: ${h.authorization}`] : []),
            ...(h.origin ? [`Origin: ${h.origin()}`] : []),
            ...(h.key !== undefined ? [`Sec-WebSocket-Key: ${h.key}`] : []),
            ...(h.version !== undefined ? [`Sec-WebSocket-Version: ${h.version}`] : []),
            ...(h.protocol !== undefined ? [`Sec-WebSocket-Protocol: ${h.protocol}`] : []),
            ...(h.extensions !== undefined ? [`Sec-WebSocket-Extensions: ${h.extensions}`] : []),
          ];
          const request = Buffer.from(lines.join("\r\n") + "\r\n\r\n", "latin1");
          const line = await rawStatusLine(app.server.port, request);
          const status = /^HTTP\/1\.1 (\d{3}) /.exec(line)?.[1];
          // Anything but a server error: a request Node does not take for an upgrade (an empty
          // Upgrade header, say) is an ordinary page request and may get a page or a redirect.
          expect(status, `answer to ${JSON.stringify(request.toString("latin1"))}: ${JSON.stringify(line)}`).toMatch(
            /^[1-4]\d\d$/,
          );
          statuses.set(status!, (statuses.get(status!) ?? 0) + 1);
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      expect((await fetch(app.url + "/healthz")).status).toBe(200);
      console.info(`upgrade fuzz: ${RUNS} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    },
  );
});
