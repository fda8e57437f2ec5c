import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_LIMITS } from "../../app/utils/body-limits";
import type { TestClient } from "../helpers/client";
import { riverbend } from "../helpers/district-data";
import { rawRequest } from "../helpers/raw-http";
import { startTestServer, type TestServer } from "../helpers/server";
import { signedUp } from "../helpers/workspace";

let app: TestServer;
let admin: TestClient;
let district: string;

beforeAll(async () => {
  app = await startTestServer();
  admin = await signedUp(app.url, "Dana Admin", "limits");
  district = (await (await admin.api("POST", "/districts", { name: "Limits District" })).json()).slug;
});
afterAll(() => app.close());

const MB = 1024 * 1024;
const form = { "Content-Type": "application/x-www-form-urlencoded" };
const origin = () => ({ Origin: app.url });

/** A multipart body from raw parts (each a header block and content), as a malformed client might send it. */
function multipart(boundary: string, parts: { headers: string; content: string }[], close = true): string {
  const body = parts.map((p) => `--${boundary}\r\n${p.headers}\r\n\r\n${p.content}\r\n`).join("");
  return close ? `${body}--${boundary}--\r\n` : body;
}
const file = (name: string, content: string) => ({
  headers: `Content-Disposition: form-data; name="${name}"; filename="${name}.csv"\r\nContent-Type: text/csv`,
  content,
});

describe("bodies are limited while they are read", () => {
  it("refuses an oversized form by its Content-Length before reading it", async () => {
    // Announces 5 MB over the limit but sends only the first chunk: the answer must not wait for the rest.
    const res = await rawRequest(app.url, {
      method: "POST",
      path: "/login",
      headers: { ...form, ...origin(), "Content-Length": String(BODY_LIMITS.form + 5 * MB) },
      stream: { total: BODY_LIMITS.form + 5 * MB, chunk: 16 * 1024 },
    });
    expect(res.status).toBe(413);
    expect(res.sentBeforeAnswer).toBeLessThan(BODY_LIMITS.form + 5 * MB);
    expect(res.body).toContain("64 KB");
  });

  it("cuts a chunked form at 64 KB and answers 413 in the reader's language", async () => {
    const res = await rawRequest(app.url, {
      method: "POST",
      path: "/login",
      headers: { ...form, ...origin(), "Accept-Language": "es" },
      stream: { total: 8 * MB, chunk: 16 * 1024 },
    });
    expect(res.status).toBe(413);
    // Socket buffers hold some of what was written; far less than the whole body was needed for an answer.
    expect(res.sentBeforeAnswer).toBeLessThan(4 * MB);
    expect(res.body).toContain("Demasiado para enviar");
  });

  it("cuts a chunked JSON body at 64 KB with the API's error shape", async () => {
    const res = await rawRequest(app.url, {
      method: "POST",
      path: "/api/v1/districts",
      headers: { "Content-Type": "application/json", Cookie: admin.cookieHeader(), ...origin() },
      stream: { total: 8 * MB, chunk: 16 * 1024 },
    });
    expect(res.status).toBe(413);
    expect(res.sentBeforeAnswer).toBeLessThan(4 * MB);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: "payload_too_large", message: expect.any(String) } });
  });

  it("refuses an oversized JSON body by Content-Length, signed in or not", async () => {
    for (const cookie of [admin.cookieHeader(), ""]) {
      const res = await rawRequest(app.url, {
        method: "POST",
        path: "/api/v1/districts",
        headers: { "Content-Type": "application/json", Cookie: cookie, ...origin(), "Content-Length": String(50 * MB) },
        stream: { total: 50 * MB, chunk: 64 * 1024 },
      });
      expect(res.status).toBe(413);
      expect(res.sentBeforeAnswer).toBeLessThan(50 * MB);
      expect(JSON.parse(res.body).error.code).toBe("payload_too_large");
    }
  });

  it("cuts a chunked data package past 10 MB per file, and accepts a chunked one within limits", async () => {
    const path = `/api/v1/districts/${district}/data`;
    const headers = { Cookie: admin.cookieHeader(), ...origin() };
    const boundary = "limits-boundary";
    const type = { "Content-Type": `multipart/form-data; boundary=${boundary}` };
    // The file part's header, then endless content: the read stops at 10 MB.
    const huge = await rawRequest(app.url, {
      method: "POST",
      path,
      headers: { ...headers, ...type },
      body: `--${boundary}\r\nContent-Disposition: form-data; name="schools"; filename="s.csv"\r\n\r\n${"x".repeat(11 * MB)}`,
    });
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body).error.message).toMatch(/10 MB/);

    const ok = await admin.request("POST", path, {
      body: multipart(boundary, [file("schools", riverbend.schools), file("measures", riverbend.measures)]),
      headers: type,
    });
    expect(ok.status).toBe(201);
  });

  it("counts multipart parts and caps fields that are not files", async () => {
    const path = `/api/v1/districts/${district}/data`;
    const boundary = "b";
    const send = (body: string) =>
      admin.request("POST", path, { body, headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` } });
    const many = Array.from({ length: BODY_LIMITS.dataParts + 1 }, (_, i) => ({
      headers: `Content-Disposition: form-data; name="f${i}"`,
      content: "1",
    }));
    const tooMany = await send(multipart(boundary, many));
    expect(tooMany.status).toBe(413);
    expect((await tooMany.json()).error.message).toMatch(/parts/);
    const bigField = await send(
      multipart(boundary, [
        { headers: `Content-Disposition: form-data; name="intent"`, content: "x".repeat(BODY_LIMITS.field + 1) },
      ]),
    );
    expect(bigField.status).toBe(413);
  });
});

/**
 * An upload as a plain client sends it: node:http without an agent (so the request says
 * "Connection: close", as HTTP/1.0 clients and proxies such as nginx's upstreams do), the
 * whole announced body written whatever the server answers, the answer read as it comes.
 * `error` is set when the connection was reset, before or after the answer.
 */
function plainUpload(
  path: string,
  headers: Record<string, string>,
  total: number,
): Promise<{ status: number | null; error: string | null }> {
  const url = new URL(app.url);
  return new Promise((resolve) => {
    let status: number | null = null;
    let error: string | null = null;
    const req = http.request({
      host: url.hostname,
      port: url.port,
      method: "POST",
      path,
      agent: false,
      headers: { ...headers, "Content-Length": String(total) },
    });
    // Done when the connection is gone: the server closes it, as the request asked.
    req.on("socket", (socket) => socket.on("close", () => resolve({ status, error })));
    req.on("response", (res) => {
      status = res.statusCode!;
      res.resume();
      res.on("error", (err: NodeJS.ErrnoException) => (error ??= err.code ?? err.message));
    });
    req.on("error", (err: NodeJS.ErrnoException) => (error ??= err.code ?? err.message));
    const piece = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const more = () => {
      while (sent < total) {
        const size = Math.min(piece.length, total - sent);
        sent += size;
        if (!req.write(size === piece.length ? piece : piece.subarray(0, size))) return void req.once("drain", more);
      }
      req.end();
    };
    more();
  });
}

describe("an upload refused before it was read", () => {
  it("gets its 413 and a clean close when the client asked to close the connection, twenty at once", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => plainUpload("/login", { ...form, ...origin() }, 16 * MB)),
    );
    // Node closed such a connection as soon as the answer was written, with most of the upload
    // unread: the kernel answered the rest with a reset, which could reach the client before the 413.
    expect(results).toEqual(Array.from({ length: 20 }, () => ({ status: 413, error: null })));
  });

  it("answers 413 to an oversize announced with Expect: 100-continue without asking for the body", async () => {
    const socket = net.connect(Number(new URL(app.url).port), "127.0.0.1");
    const ended = new Promise<void>((resolve) => socket.once("end", resolve));
    let received = "";
    const answered = new Promise<string>((resolve, reject) => {
      socket.on("error", reject);
      socket.on("data", (d: Buffer) => {
        received += d.toString("latin1");
        // Up to the end of the first final (non-1xx) head.
        const final = /(^|\r\n\r\n)HTTP\/1\.1 [2-5]\d\d [^]*?\r\n\r\n/.exec(received);
        if (final) resolve(received);
      });
    });
    socket.write(
      `POST /login HTTP/1.1\r\nHost: ${new URL(app.url).host}\r\nOrigin: ${app.url}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${50 * MB}\r\nExpect: 100-continue\r\n\r\n`,
    );
    const head = await answered;
    expect(head.split("\r\n")[0]).toBe("HTTP/1.1 413 Payload Too Large");
    expect(head.toLowerCase()).toContain("\r\nconnection: close\r\n");
    // The server ends the connection without a byte of the body having been sent.
    await ended;
    socket.destroy();

    // Within the limit, the client is told to go on.
    const small = net.connect(Number(new URL(app.url).port), "127.0.0.1");
    const first = await new Promise<string>((resolve, reject) => {
      small.on("error", reject);
      small.once("data", (d: Buffer) => resolve(d.toString("latin1").split("\r\n")[0]!));
      small.write(
        `POST /login HTTP/1.1\r\nHost: ${new URL(app.url).host}\r\nOrigin: ${app.url}\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\nExpect: 100-continue\r\n\r\n`,
      );
    });
    small.destroy();
    expect(first).toBe("HTTP/1.1 100 Continue");
  });
});

describe("malformed input gets a clear 4xx", () => {
  it("treats a malformed session cookie as no session, so the sign-in page still opens", async () => {
    for (const path of ["/login", "/", "/workspaces"]) {
      const res = await rawRequest(app.url, { path, headers: { Cookie: "rq_session=%E0%A4%A; lang=%" } });
      expect(res.status, path).toBeLessThan(400);
    }
    const login = await rawRequest(app.url, { path: "/login", headers: { Cookie: "rq_session=%E0%A4%A" } });
    expect(login.status).toBe(200);
  });

  it("answers TRACE, PROPFIND and CONNECT with 405", async () => {
    for (const method of ["TRACE", "PROPFIND"]) {
      for (const path of ["/", "/login", "/api/v1/me"]) {
        const res = await rawRequest(app.url, { method, path });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.allow).toContain("GET");
      }
    }
    // node:http's client hands a CONNECT answer over as a tunnel, so read the status line off a plain socket.
    const statusLine = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(new URL(app.url).port), "127.0.0.1");
      socket.on("error", reject);
      socket.once("data", (d: Buffer) => {
        resolve(d.toString("latin1").split("\r\n")[0]!);
        socket.destroy();
      });
      socket.write("CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n");
    });
    expect(statusLine).toBe("HTTP/1.1 405 Method Not Allowed");
  });

  it("answers malformed multipart to a page action with 400", async () => {
    const res = await rawRequest(app.url, {
      method: "POST",
      path: "/login",
      headers: { ...origin(), "Content-Type": "multipart/form-data; boundary=zz" },
      body: "--zz\r\nContent-Disposition: form-data\r\n\r\nno name and no end",
    });
    expect(res.status).toBe(400);
    const data = await admin.request("POST", `/districts/${district}/data`, {
      body: "--zz\r\nContent-Disposition: form-data; name=schools\r\n\r\ntruncated",
      headers: { "Content-Type": "multipart/form-data; boundary=zz" },
    });
    expect(data.status).toBe(400);
  });

  it("answers a form of another type with 415 and a malformed address with 400", async () => {
    const text = await rawRequest(app.url, {
      method: "POST",
      path: "/login",
      headers: { ...origin(), "Content-Type": "text/plain" },
      body: "email=a",
    });
    expect(text.status).toBe(415);
    const host = await rawRequest(app.url, { path: "/login", headers: { Host: "[" } });
    expect(host.status).toBe(400);
    // A host a URL takes but a fetch Request refuses (it carries credentials), from a trusted proxy.
    for (const headers of [{ "X-Forwarded-Host": "a@b" }, { Host: "a@b" }] as Record<string, string>[]) {
      expect((await rawRequest(app.url, { path: "/login", headers })).status, JSON.stringify(headers)).toBe(400);
    }
    // Read as host "user" with a port that is not one: an odd but harmless address.
    const odd = await rawRequest(app.url, {
      path: "/login",
      headers: { "X-Forwarded-Host": "user:secret@example.org" },
    });
    expect(odd.status).toBeLessThan(500);
    const path = await rawRequest(app.url, { path: "/workspaces/%E0%A4%A" });
    expect(path.status).toBeLessThan(500);
  });

  it("refuses a NUL character in an address, a form or a JSON body with 400 and stores nothing", async () => {
    // Postgres text cannot hold NUL: before, a member's GET /workspaces/%00 reached a query and gave 500.
    for (const path of [
      "/workspaces/%00",
      "/workspaces/riverbend%00x/plans",
      "/api/v1/workspaces/%00",
      "/login?redirectTo=%00",
    ]) {
      expect((await admin.get(path)).status, path).toBe(400);
    }
    const signup = await admin.postForm("/signup", {
      name: "Nul\0Name",
      email: "nul@example.org",
      password: "a long enough password",
    });
    expect(signup.status).toBe(400);
    const created = await admin.api("POST", "/districts", { name: "Nul\u0000District" });
    expect(created.status).toBe(400);
    expect(
      (await (await admin.api("GET", "/districts")).json()).districts.map((d: { name: string }) => d.name),
    ).not.toContain("Nul\u0000District");
  });

  it("refuses a state change whose Origin names another host than X-Forwarded-Host with 403, not 500", async () => {
    const forwarded = await rawRequest(app.url, {
      method: "POST",
      path: "/login",
      headers: { ...form, ...origin(), "X-Forwarded-Host": "elsewhere.example" },
      body: "email=a%40b.c&password=x",
    });
    expect(forwarded.status).toBe(403);
    // Bearer requests skip the Origin check; an Origin that is not a URL must still not reach Remix.
    const bearer = await rawRequest(app.url, {
      method: "POST",
      path: "/login",
      headers: { ...form, Origin: "not a url", Authorization: "Bearer x" },
      body: "email=a%40b.c&password=x",
    });
    expect(bearer.status).toBe(403);
  });
});
