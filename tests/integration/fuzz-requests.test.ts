import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TestClient } from "../helpers/client";
import { rawRequest, type RawRequest } from "../helpers/raw-http";
import { startTestServer, type TestServer } from "../helpers/server";
import { createPlan, createWorkspace, signedUp } from "../helpers/workspace";

// Whatever a stranger or a member sends, the answer is a 2xx-4xx and the server keeps serving.
// Each property sends a few hundred requests over fresh connections; on a loaded 2-core
// machine that takes tens of seconds, hence the per-test timeouts below.
const RUNS = 200;
const TIMEOUT = 180_000;

let app: TestServer;
let admin: TestClient;
let workspace: string;
let district: string;
let plan: string;

beforeAll(async () => {
  app = await startTestServer();
  admin = await signedUp(app.url, "Fuzz Admin", "fuzz");
  workspace = await createWorkspace(admin, "Fuzz District", "Fuzz Workspace");
  district = (await (await admin.api("GET", "/districts")).json()).districts[0].slug;
  plan = await createPlan(admin, workspace, { title: "Fuzz plan" });
});
afterAll(() => app.close());

type As = "anonymous" | "member";
const as = fc.constantFrom<As>("anonymous", "member");

/** Sends one request as a stranger or as the signed-in admin and checks the answer is not a server error. */
async function send(who: As, request: RawRequest): Promise<void> {
  const headers: Record<string, string | string[]> = { Origin: app.url, ...request.headers };
  if (who === "member" && !("Cookie" in headers)) headers.Cookie = admin.cookieHeader();
  const res = await rawRequest(app.url, { ...request, headers });
  expect(
    res.status,
    `${request.method ?? "GET"} ${request.path} → ${res.status} ${res.body.slice(0, 300)}`,
  ).toBeLessThan(500);
}

let logsBefore = 0;
beforeEach(() => {
  logsBefore = app.logs.length;
});

async function stillServing() {
  const res = await rawRequest(app.url, { path: "/healthz" });
  expect(res.status).toBe(200);
  // A caught-but-logged failure is a server error too.
  expect(app.logs.slice(logsBefore).filter((line) => Number(line.level) >= 50)).toEqual([]);
}

// What node:http lets through in a header value (it refuses control characters) and a request path.
const headerChar = fc
  .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }))
  .map((c) => String.fromCharCode(c));
const pathChar = fc
  .oneof(fc.integer({ min: 0x21, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }))
  .map((c) => String.fromCharCode(c));
const percentJunk = fc.constantFrom("%", "%E0%A4%A", "%ZZ", "%00", "%FF", "%C0%80", "%2", "%%", "%u0041", "%0D%0A");
const junk = (unit: fc.Arbitrary<string>) =>
  fc.array(fc.oneof(percentJunk, fc.string({ unit, maxLength: 12 })), { maxLength: 8 }).map((parts) => parts.join(""));

describe("fuzzed requests never get a server error", () => {
  it(
    "cookies: arbitrary bytes and percent-encodings in the session cookie and others",
    async () => {
      const pairs = fc.array(
        fc.tuple(
          fc.oneof(fc.constantFrom("rq_session", "lang", "theme"), fc.string({ unit: headerChar, maxLength: 8 })),
          junk(headerChar),
        ),
        { maxLength: 5 },
      );
      const cookie = fc
        .tuple(pairs, fc.constantFrom("; ", ";", ",", " ;"))
        .map(([pairs, separator]) => pairs.map(([k, v]) => `${k}=${v}`).join(separator));
      const path = fc.constantFrom(
        "/",
        "/login",
        "/signup",
        "/workspaces",
        `/workspaces/${workspace}`,
        "/api/v1/me",
        "/api/v1/districts",
      );
      await fc.assert(
        fc.asyncProperty(path, cookie, fc.boolean(), async (path, cookie, withSession) => {
          const header = withSession ? `${admin.cookieHeader()}; ${cookie}` : cookie;
          await send("anonymous", { path, headers: { Cookie: header } });
        }),
        { numRuns: RUNS },
      );
      await stillServing();
    },
    TIMEOUT,
  );

  it(
    "query strings and paths",
    async () => {
      const key = fc.oneof(
        fc.constantFrom(
          "redirectTo",
          "version",
          "format",
          "reference",
          "focal",
          "title",
          "caption",
          "kind",
          "measure",
          "groupBy",
          "_data",
          "index",
        ),
        junk(pathChar),
      );
      const query = fc
        .array(fc.tuple(key, junk(pathChar)), { maxLength: 6 })
        .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("&"));
      const path = fc.oneof(
        fc.constantFrom(
          "/login",
          "/signup",
          `/workspaces/${workspace}/views`,
          `/workspaces/${workspace}/diagnostic/school_funding`,
          `/workspaces/${workspace}/plans/${plan}`,
          `/api/v1/districts/${district}/metrics/need-weighted-funding`,
          `/api/v1/districts/${district}/metrics/algebra-access`,
          `/api/v1/plans/${plan}/export`,
          `/api/v1/districts/${district}/data/versions`,
        ),
        junk(pathChar).map((p) => `/${p}`),
        junk(pathChar).map((p) => `/workspaces/${p}`),
        junk(pathChar).map((p) => `/api/v1/${p}`),
      );
      await fc.assert(
        fc.asyncProperty(as, path, query, fc.constantFrom("GET", "HEAD"), async (who, path, query, method) => {
          await send(who, { method, path: `${path}?${query}` });
        }),
        { numRuns: RUNS },
      );
      await stillServing();
    },
    TIMEOUT,
  );

  it(
    "headers: Host, X-Forwarded-Host, Accept-Language, Authorization, Content-Type",
    async () => {
      const value = junk(headerChar);
      const headers = fc.record(
        {
          Host: fc.oneof(value, fc.constant("[")),
          "X-Forwarded-Host": value,
          "X-Forwarded-Proto": value,
          "Accept-Language": value,
          Authorization: fc.oneof(
            value,
            value.map((v) => `Bearer ${v}`),
          ),
          "Content-Type": value,
        },
        { requiredKeys: [] },
      );
      const target = fc.constantFrom(
        { method: "GET", path: "/login" },
        { method: "GET", path: "/api/v1/me" },
        { method: "POST", path: "/login", body: "email=a%40b.c&password=x" },
        { method: "POST", path: "/api/v1/districts", body: '{"name":"x"}' },
        { method: "POST", path: "/set-language", body: "lang=es" },
      );
      await fc.assert(
        fc.asyncProperty(as, target, headers, async (who, target, headers) => {
          await send(who, { ...target, headers: headers as Record<string, string> });
        }),
        { numRuns: RUNS },
      );
      await stillServing();
    },
    TIMEOUT,
  );

  it(
    "form bodies to sign-in, sign-up and page actions",
    async () => {
      const field = fc.oneof(
        fc.constantFrom(
          "email",
          "password",
          "name",
          "intent",
          "redirectTo",
          "lang",
          "title",
          "kind",
          "measure",
          "draft",
          "role",
          "currentPassword",
          "newPassword",
          "confirm",
          "mailNotifications",
          "addresses",
          "stakeholderGroup",
          "locale",
          "userId",
        ),
        fc.string({ maxLength: 10 }),
      );
      // The actions' own intents and choices, so the fuzzed fields reach past "unknown intent".
      // Not the sign-out ones: the member's session must last the whole property.
      const known = fc.constantFrom(
        "change-email",
        "change-password",
        "resend-verification",
        "update-name",
        "invite-by-mail",
        "grant-admin",
        "revoke-admin",
        "revoke-mail-invitation",
        "leave",
        "DELETE",
        "ELIMINAR",
        "immediate",
        "daily",
        "never",
        "es",
        "family",
      );
      const structured = fc
        .array(fc.tuple(field, fc.oneof(known, fc.string({ maxLength: 40 }), fc.emailAddress(), junk(pathChar))), {
          maxLength: 8,
        })
        .map((pairs) => new URLSearchParams(pairs).toString());
      const body = fc.oneof(structured, junk(pathChar), fc.string({ unit: "binary", maxLength: 200 }));
      const path = fc.constantFrom(
        "/login",
        "/signup",
        "/set-language",
        "/districts",
        `/workspaces/${workspace}`,
        `/workspaces/${workspace}/views`,
        `/workspaces/${workspace}/plans/${plan}`,
        `/workspaces/${workspace}/plans/${plan}/history`,
        `/districts/${district}/data`,
        // The district page's forms: a workspace, and naming or removing administrators.
        `/districts/${district}`,
        // Accounts and mail (issue 14): tokens that do not exist, and the account's own forms.
        "/forgot-password",
        "/reset-password/abcdefghijklmnopqrstuvwxyz234567",
        "/verify-email/abcdefghijklmnopqrstuvwxyz234567",
        "/unsubscribe/abcdefghijklmnopqrstuvwxyz234567",
        "/invite/abcdefghijklmnopqrstuvwxyz234567",
        "/account",
        "/account/mail-notifications",
        "/account/delete",
        "/notifications",
      );
      const type = fc.constantFrom(
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=latin1",
        "text/plain",
        "",
      );
      await fc.assert(
        fc.asyncProperty(as, path, body, type, async (who, path, body, type) => {
          const headers: Record<string, string> = type ? { "Content-Type": type } : {};
          await send(who, { method: "POST", path, body, headers });
        }),
        { numRuns: RUNS },
      );
      await stillServing();
    },
    TIMEOUT,
  );

  it(
    "JSON bodies: deep nesting, huge numbers, wrong types, broken text",
    async () => {
      const deep = fc.integer({ min: 1, max: 40_000 }).map((n) => "[".repeat(n) + "]".repeat(n));
      const wrongTypes = fc
        .record(
          {
            name: fc.anything(),
            title: fc.anything(),
            role: fc.anything(),
            stakeholderGroup: fc.anything(),
            spec: fc.anything(),
            dimension: fc.anything(),
            maxUses: fc.anything(),
            email: fc.oneof(fc.emailAddress(), fc.anything()),
            password: fc.anything(),
            token: fc.anything(),
            locale: fc.oneof(fc.constantFrom("en", "es", "__proto__"), fc.anything()),
            mailNotifications: fc.oneof(fc.constantFrom("immediate", "daily", "never"), fc.anything()),
            addresses: fc.anything(),
            body: fc.anything(),
            anchor: fc.anything(),
            userId: fc.oneof(fc.uuid(), fc.anything()),
          },
          { requiredKeys: [] },
        )
        .map((o) => JSON.stringify(o) ?? "null");
      const body = fc.oneof(
        fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
        wrongTypes,
        deep,
        fc.constantFrom(
          "1e999999",
          "-0",
          "123456789012345678901234567890",
          '{"name":1e400}',
          '{"__proto__":{"x":1}}',
          '"\\ud800"',
          "",
        ),
        fc.string({ unit: "binary", maxLength: 100 }),
      );
      const path = fc.constantFrom(
        "/api/v1/districts",
        `/api/v1/districts/${district}/workspaces`,
        `/api/v1/workspaces/${workspace}/plans`,
        `/api/v1/workspaces/${workspace}/views`,
        `/api/v1/workspaces/${workspace}/invitations`,
        `/api/v1/plans/${plan}/versions`,
        `/api/v1/plans/${plan}`,
        `/api/v1/workspaces/${workspace}/members`,
        `/api/v1/workspaces/${workspace}/members/me`,
        `/api/v1/plans/${plan}/threads`,
        "/api/v1/me",
        "/api/v1/me/email-change",
        "/api/v1/me/email-verification",
        "/api/v1/me/notifications/read",
        "/api/v1/email-confirmations/complete",
        "/api/v1/password-resets",
        "/api/v1/password-resets/complete",
        "/api/v1/invitations/abcdefghijklmnopqrstuvwxyz234567/accept",
        `/api/v1/districts/${district}/admins`,
      );
      const method = fc.constantFrom("POST", "PATCH", "PUT", "DELETE");
      const type = fc.constantFrom(
        "application/json",
        "application/json; charset=utf-8",
        "APPLICATION/JSON",
        "text/json",
      );
      await fc.assert(
        fc.asyncProperty(as, method, path, body, type, async (who, method, path, body, type) => {
          await send(who, { method, path, body, headers: { "Content-Type": type } });
        }),
        { numRuns: RUNS },
      );
      await stillServing();
    },
    TIMEOUT,
  );

  it(
    "multipart bodies: malformed boundaries, many parts, missing headers, truncation",
    async () => {
      const token = fc.string({
        unit: fc.constantFrom(..."abcXYZ019-_'()+,./:=? \"".split("")),
        minLength: 0,
        maxLength: 20,
      });
      const part = fc.record({
        name: fc.oneof(
          fc.constantFrom("schools", "measures", "intent", "email", "password"),
          fc.string({ maxLength: 8 }),
        ),
        filename: fc.option(fc.oneof(fc.constantFrom("schools.csv", "../x", ""), fc.string({ maxLength: 10 })), {
          nil: undefined,
        }),
        disposition: fc.constantFrom("form-data", "attachment", "", "form-data; name", 'form-data; name="x'),
        extraHeaders: fc.array(
          fc.oneof(fc.constantFrom("Content-Type: text/csv", "no-colon-here", ": empty"), fc.string({ maxLength: 20 })),
          { maxLength: 3 },
        ),
        content: fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom("school_id,name\r\n1,A\r\n", "--", "\r\n--")),
        dropDisposition: fc.boolean(),
      });
      const multipart = fc
        .record({
          boundary: token,
          declared: fc.oneof(fc.constant(null), token),
          quoted: fc.boolean(),
          parts: fc.array(part, { maxLength: 30 }),
          close: fc.boolean(),
          cut: fc.option(fc.nat(), { nil: undefined }),
        })
        .map(({ boundary, declared, quoted, parts, close, cut }) => {
          const lines = parts.map((p) => {
            const disposition =
              p.disposition === "form-data"
                ? `form-data; name="${p.name}"${p.filename === undefined ? "" : `; filename="${p.filename}"`}`
                : p.disposition;
            const head = [
              ...(p.dropDisposition ? [] : [`Content-Disposition: ${disposition}`]),
              ...p.extraHeaders,
            ].join("\r\n");
            return `--${boundary}\r\n${head}\r\n\r\n${p.content}\r\n`;
          });
          let body = lines.join("") + (close ? `--${boundary}--\r\n` : "");
          if (cut !== undefined) body = body.slice(0, cut % (body.length + 1));
          const b = declared ?? boundary;
          return { body, type: `multipart/form-data; boundary=${quoted ? `"${b}"` : b}` };
        });
      const path = fc.constantFrom(
        "/login",
        "/signup",
        `/districts/${district}/data`,
        `/api/v1/districts/${district}/data`,
        `/workspaces/${workspace}/views`,
        "/api/v1/districts",
      );
      const type = fc.oneof(
        fc.constant(null),
        fc.constantFrom("multipart/form-data", "multipart/form-data; boundary=", "Multipart/Form-Data; boundary=a"),
      );
      await fc.assert(
        fc.asyncProperty(as, path, multipart, type, async (who, path, { body, type: declared }, override) => {
          await send(who, { method: "POST", path, body, headers: { "Content-Type": override ?? declared } });
        }),
        { numRuns: RUNS },
      );
      await stillServing();
    },
    TIMEOUT,
  );
});
