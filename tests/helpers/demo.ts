import { DEMO_PASSWORD, seedDemoDistrict } from "../../db/seed/demo";
import { TestClient } from "./client";
import { startTestServer, type TestServer } from "./server";

const accounts = {
  superintendent: "superintendent@riverbend.example",
  family: "rosa.garcia@riverbend.example",
} as const;

/** The test server over a fresh database with the Riverbend demo district loaded. */
export async function startDemoServer(): Promise<TestServer> {
  const app = await startTestServer();
  await seedDemoDistrict(app.db);
  return app;
}

/** A demo account, signed in: the superintendent (district admin, cabinet) or Rosa García (a family member). */
export async function demoMember(baseUrl: string, who: keyof typeof accounts): Promise<TestClient> {
  const client = new TestClient(baseUrl);
  await client.login(accounts[who], DEMO_PASSWORD);
  return client;
}
