import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

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

  it("reads PUBLIC_URL as an origin", () => {
    expect(loadConfig({ PUBLIC_URL: "https://equity.example.org/some/path" }).publicOrigin).toBe(
      "https://equity.example.org"
    );
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://localhost/db" }, "DATABASE_URL"],
    [{ REDIS_URL: "localhost:6379" }, "REDIS_URL"],
    [{ PUBLIC_URL: "ftp://example.org" }, "PUBLIC_URL"],
    [{ NODE_ENV: "staging" }, "NODE_ENV"],
  ])("refuses %o with a message naming %s", (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });
});
