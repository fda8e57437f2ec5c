import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../helpers/client";
import { startTestServer, type TestServer } from "../helpers/server";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

describe("HTTP server", () => {
  it("reports health with database status and version", async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok", version: "test" });
  });

  it("sends security headers with a fresh CSP nonce that the page's scripts carry", async () => {
    const a = await fetch(`${app.url}/login`);
    const b = await fetch(`${app.url}/login`);
    const csp = a.headers.get("Content-Security-Policy")!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(b.headers.get("Content-Security-Policy")).not.toContain(nonce);
    const html = await a.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(a.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(a.headers.get("Referrer-Policy")).toBe("same-origin");
    expect(a.headers.get("X-Powered-By")).toBeNull();
  });

  it("serves fingerprinted assets with a long immutable cache and compresses HTML", async () => {
    const html = await (await fetch(`${app.url}/login`)).text();
    const asset = /\/build\/[^"]+\.js/.exec(html)![0];
    const res = await fetch(app.url + asset);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toContain("immutable");
    const page = await fetch(`${app.url}/login`, { headers: { "Accept-Encoding": "gzip" } });
    expect(page.headers.get("Content-Encoding")).toBe("gzip");
  });

  it("renders a 404 page for unknown paths and JSON for unknown API paths", async () => {
    const page = await fetch(`${app.url}/definitely/not/here`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("Page not found");
    const api = await fetch(`${app.url}/api/v1/definitely/not/here`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("answers in Spanish when the browser asks for it or the reader chose it", async () => {
    const asked = await (await fetch(`${app.url}/login`, { headers: { "Accept-Language": "es-MX,es;q=0.9" } })).text();
    expect(asked).toContain('<html lang="es"');
    expect(asked).toContain("Iniciar sesión");
    const client = new TestClient(app.url);
    const set = await client.postForm("/set-language", { lang: "es", redirectTo: "/login" });
    expect(set.status).toBe(302);
    expect(set.headers.get("Location")).toBe("/login");
    expect(await (await client.get("/login")).text()).toContain('<html lang="es"');
    const bad = await client.postForm("/set-language", { lang: "xx", redirectTo: "https://evil.example" });
    expect(bad.headers.get("Location")).toBe("/");
  });

  it("refuses WebSocket upgrades on paths it does not serve", async () => {
    const { port } = new URL(app.url);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), "127.0.0.1", () => {
        socket.write(
          "GET /not-a-socket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
        );
      });
      let data = "";
      socket.on("data", (d) => (data += d));
      socket.on("end", () => resolve(data));
      socket.on("error", reject);
    });
    expect(reply.startsWith("HTTP/1.1 404")).toBe(true);
  });
});
