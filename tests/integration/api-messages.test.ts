import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isMessageKey } from "../../app/i18n/translate";
import type { TestClient } from "../helpers/client";
import { startTestServer, type TestServer } from "../helpers/server";
import { createWorkspace, signedUp } from "../helpers/workspace";

// The forms and the API share their schemas, whose messages are i18n keys. Whatever the
// endpoint, an API client reads a field's problem as an English sentence, never as a key.

let app: TestServer;
let owner: TestClient;
let workspace: string;
let district: string;
let poll: string;

beforeAll(async () => {
  app = await startTestServer();
  owner = await signedUp(app.url, "Mona Messages", "api-messages");
  workspace = await createWorkspace(owner, "Messages District", "Messages workspace");
  district = ((await (await owner.api("GET", "/districts")).json()) as { districts: { slug: string }[] }).districts[0]!
    .slug;
  const created = await owner.api("POST", `/workspaces/${workspace}/polls`, {
    title: "Messages vote",
    budget: 1000,
    ballot: { type: "approval", maxOptions: 1 },
    options: [
      { title: "A", cost: 500 },
      { title: "B", cost: 500 },
    ],
  });
  poll = ((await created.json()) as { id: string }).id;
  expect((await owner.api("PATCH", `/polls/${poll}`, { state: "open" })).status).toBe(200);
});
afterAll(() => app.close());

/** A dotted identifier like "validation.email": what a key looks like, in case one is missing from the dictionaries. */
const looksLikeKey = (text: string) => /^[a-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$/.test(text);

describe("API field messages", () => {
  it("are English sentences on every endpoint that checks a JSON body, never message keys", async () => {
    const probes: [string, string, unknown][] = [
      ["POST", "/password-resets", { email: "not an address" }],
      ["POST", "/password-resets/complete", { token: "x", password: "short" }],
      ["POST", "/districts", { name: "" }],
      ["PATCH", "/me", { locale: "xx", mailNotifications: "sometimes" }],
      ["POST", "/me/email-change", { email: "not an address", password: "" }],
      ["POST", `/workspaces/${workspace}/plans`, { title: "" }],
      ["POST", `/workspaces/${workspace}/invitations`, { role: "king", stakeholderGroup: "nobody" }],
      ["POST", `/workspaces/${workspace}/invitations`, { emails: ["nope"], role: "viewer", stakeholderGroup: "x" }],
      ["POST", `/workspaces/${workspace}/views`, { title: "", spec: {} }],
      ["POST", `/workspaces/${workspace}/polls`, { title: "", budget: -1 }],
      ["PATCH", `/polls/${poll}`, { title: "" }],
      ["PUT", `/polls/${poll}/ballot`, { choices: 5 }],
      ["POST", `/polls/${poll}/access-codes`, { count: -1 }],
      ["POST", "/vote", { code: 5 }],
      ["POST", `/districts/${district}/workspaces`, { name: "" }],
      ["POST", `/districts/${district}/admins`, { userId: "someone" }],
    ];
    let checked = 0;
    for (const [method, path, body] of probes) {
      const res = await owner.api(method, path, body);
      const text = await res.text();
      expect(res.status, `${method} ${path} ${text}`).toBeLessThan(500);
      if (res.status !== 422) continue;
      const fields = (JSON.parse(text) as { error: { details?: { fields?: Record<string, string> } } }).error.details
        ?.fields;
      for (const [field, message] of Object.entries(fields ?? {})) {
        checked++;
        expect(isMessageKey(message) || looksLikeKey(message), `${method} ${path} → ${field}: ${message}`).toBe(false);
      }
    }
    // Most probes reach the field checks (some stop earlier, e.g. a state conflict).
    expect(checked).toBeGreaterThan(15);
  });
});
