import { describe, expect, it } from "vitest";
import { ConfigError, hostHeaderWarning, isLoopbackHost, loadConfig } from "./config";

describe("loadConfig", () => {
  it("has working defaults: port 3000, embedded database in ./data", () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir.endsWith("/data")).toBe(true);
    expect(c.env).toBe("development");
    expect(c.publicOrigin).toBeNull();
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" }).databaseUrl).toBeUndefined();
  });

  it("lets only instance administrators create districts unless DISTRICT_CREATION=anyone", () => {
    expect(loadConfig({}).districtCreation).toBe("admins");
    expect(loadConfig({ DISTRICT_CREATION: "" }).districtCreation).toBe("admins");
    expect(loadConfig({ DISTRICT_CREATION: "admins" }).districtCreation).toBe("admins");
    expect(loadConfig({ DISTRICT_CREATION: "anyone" }).districtCreation).toBe("anyone");
  });

  it("names the accepted DISTRICT_CREATION values when refusing another", () => {
    expect(() => loadConfig({ DISTRICT_CREATION: "everyone" })).toThrow(
      /DISTRICT_CREATION: must be "admins" .* or "anyone"/,
    );
  });

  it("reads PUBLIC_URL as an origin", () => {
    expect(loadConfig({ PUBLIC_URL: "https://equity.example.org/some/path" }).publicOrigin).toBe(
      "https://equity.example.org",
    );
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://localhost/db" }, "DATABASE_URL"],
    [{ REDIS_URL: "localhost:6379" }, "REDIS_URL"],
    [{ PUBLIC_URL: "ftp://example.org" }, "PUBLIC_URL"],
    [{ NODE_ENV: "staging" }, "NODE_ENV"],
    [{ DISTRICT_CREATION: "everyone" }, "DISTRICT_CREATION"],
    [{ DISTRICT_CREATION: "Admins" }, "DISTRICT_CREATION"],
  ])("refuses %o with a message naming %s", (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });
});

describe("hostHeaderWarning", () => {
  it("warns once when PUBLIC_URL is unset and the server is reachable beyond this machine", () => {
    const unset = hostHeaderWarning(loadConfig({}));
    expect(unset).toMatch(/^PUBLIC_URL is not set and the server listens on every network interface \(HOST is unset\)/);
    expect(unset).toContain("Host header");
    expect(unset).toContain("PUBLIC_URL=https://");
    expect(unset).not.toContain("\n");
    expect(hostHeaderWarning(loadConfig({ HOST: "0.0.0.0" }))).toContain("listens on 0.0.0.0");
    expect(hostHeaderWarning(loadConfig({ HOST: "192.168.1.20" }))).toContain("listens on 192.168.1.20");
  });

  it("stays quiet with PUBLIC_URL set or on loopback", () => {
    expect(hostHeaderWarning(loadConfig({ PUBLIC_URL: "https://equity.example.org" }))).toBeNull();
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) {
      expect(isLoopbackHost(host), host).toBe(true);
      expect(hostHeaderWarning(loadConfig({ HOST: host })), host).toBeNull();
    }
    expect(isLoopbackHost("127.0.0.1.evil.example")).toBe(false);
  });
});

describe("mail settings", () => {
  it("sends mail only with both SMTP_URL and MAIL_FROM", () => {
    expect(loadConfig({}).mail).toBeNull();
    expect(
      loadConfig({ SMTP_URL: "smtp://mail.example.org:587", MAIL_FROM: "Equity <equity@example.org>" }).mail,
    ).toEqual({
      smtpUrl: "smtp://mail.example.org:587",
      from: "Equity <equity@example.org>",
    });
    expect(() => loadConfig({ SMTP_URL: "smtp://mail.example.org" })).toThrow(/MAIL_FROM: must be set with SMTP_URL/);
    expect(() => loadConfig({ SMTP_URL: "http://mail.example.org", MAIL_FROM: "a@b.c" })).toThrow(/SMTP_URL/);
  });
});

describe("NOTIFY_MAIL_INTERVAL_MS", () => {
  it("defaults to a minute and takes whole milliseconds between a second and an hour", () => {
    expect(loadConfig({}).notifyMailIntervalMs).toBe(60_000);
    expect(loadConfig({ NOTIFY_MAIL_INTERVAL_MS: "5000" }).notifyMailIntervalMs).toBe(5000);
    expect(() => loadConfig({ NOTIFY_MAIL_INTERVAL_MS: "10" })).toThrow(
      /NOTIFY_MAIL_INTERVAL_MS: must be at least 1000/,
    );
    expect(() => loadConfig({ NOTIFY_MAIL_INTERVAL_MS: "soon" })).toThrow(/NOTIFY_MAIL_INTERVAL_MS/);
  });
});
