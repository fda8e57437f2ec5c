import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { devUiEnabled } from "../../app/utils/dev-ui.server";
import { startTestServer, type TestServer } from "../helpers/server";

let app: TestServer;
const saved = process.env.DEV_UI;

beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app.close();
});
afterEach(() => {
  if (saved === undefined) delete process.env.DEV_UI;
  else process.env.DEV_UI = saved;
});

describe("/dev/ui", () => {
  it("is not found unless enabled", async () => {
    delete process.env.DEV_UI;
    const response = await fetch(app.url + "/dev/ui");
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("Interface kit");
  });

  it("is served with DEV_UI=1, as the browser tests run it", async () => {
    process.env.DEV_UI = "1";
    const response = await fetch(app.url + "/dev/ui");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Interface kit");
  });

  it("is on in development and off in production and tests by default", () => {
    expect(devUiEnabled({ NODE_ENV: "development" })).toBe(true);
    expect(devUiEnabled({ NODE_ENV: "production" })).toBe(false);
    expect(devUiEnabled({ NODE_ENV: "test" })).toBe(false);
    expect(devUiEnabled({ NODE_ENV: "production", DEV_UI: "1" })).toBe(true);
    expect(devUiEnabled({ NODE_ENV: "production", DEV_UI: "true" })).toBe(false);
  });
});
