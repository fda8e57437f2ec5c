import { expect } from "vitest";
import { TestClient, uniqueEmail } from "./client";

/** A new, signed-in user; `label` only shapes their unique e-mail address. */
export async function signedUp(baseUrl: string, name: string, label: string): Promise<TestClient> {
  const client = new TestClient(baseUrl);
  await client.signup(name, uniqueEmail(label));
  return client;
}

/** Creates a district and a workspace in it as `owner`; returns the workspace's slug. */
export async function createWorkspace(owner: TestClient, districtName: string, workspaceName: string) {
  const district = await (await owner.api("POST", "/districts", { name: districtName })).json();
  const created = await owner.api("POST", `/districts/${district.slug}/workspaces`, { name: workspaceName });
  return (await created.json()).slug as string;
}

/** Creates a plan through the API (expecting 201) and returns its id. */
export async function createPlan(client: TestClient, workspace: string, body: Record<string, unknown>) {
  const res = await client.api("POST", `/workspaces/${workspace}/plans`, body);
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/**
 * A new user who joins `workspace` through an invitation from `inviter`: invited, signed up
 * and accepted. Fails when the invitation or the acceptance is refused.
 */
export async function member(
  inviter: TestClient,
  workspace: string,
  invite: { role: string; stakeholderGroup?: string; name?: string; label?: string },
): Promise<TestClient> {
  const { role, stakeholderGroup = "cabinet", name = role, label = role } = invite;
  const invited = await inviter.api("POST", `/workspaces/${workspace}/invitations`, { role, stakeholderGroup });
  if (invited.status !== 201) throw new Error(`invitation failed: ${invited.status} ${await invited.text()}`);
  const token = ((await invited.json()) as { url: string }).url.split("/invite/")[1]!;
  const client = await signedUp(inviter.baseUrl, name, label);
  const accepted = await client.api("POST", `/invitations/${token}/accept`);
  if (accepted.status !== 200) throw new Error(`accepting the invitation failed: ${accepted.status}`);
  return client;
}
