import { eq } from "drizzle-orm";
import { hashToken } from "../../app/utils/tokens.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, invitations, workspaceMemberships, workspaces } from "../../db/schema";
import { TestClient, uniqueEmail } from "../helpers/client";
import { startTestServer, type TestServer } from "../helpers/server";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

async function signedIn(label: string) {
  const client = new TestClient(app.url);
  await client.signup(label, uniqueEmail(label.toLowerCase()));
  return client;
}

async function json(res: Response) {
  return (await res.json()) as any;
}

/** An owner with a district and a workspace. */
async function ownerWithWorkspace() {
  const owner = await signedIn("Owner");
  const district = await json(await owner.api("POST", "/districts", { name: "Lakeside Schools" }));
  const created = await owner.api("POST", `/districts/${district.slug}/workspaces`, {
    name: "Budget Voices",
    description: "Families and staff",
  });
  expect(created.status).toBe(201);
  const workspace = await json(created);
  return { owner, district, workspace };
}

async function invite(owner: TestClient, slug: string, body: Record<string, unknown>) {
  const res = await owner.api("POST", `/workspaces/${slug}/invitations`, body);
  expect(res.status).toBe(201);
  const data = await json(res);
  return { ...data, token: (data.url as string).split("/invite/")[1]! };
}

describe("districts and workspaces", () => {
  it("creates a district (the creator is admin) and lists it", async () => {
    const client = await signedIn("Admin");
    const res = await client.api("POST", "/districts", { name: "Riverside Unified" });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body).toEqual({ slug: expect.stringMatching(/^riverside-unified/), name: "Riverside Unified" });
    const list = await json(await client.api("GET", "/districts"));
    expect(list.districts).toEqual([{ slug: body.slug, name: "Riverside Unified", role: "admin" }]);
  });

  it("gives each workspace an app-wide unique slug", async () => {
    const a = await ownerWithWorkspace();
    const b = await ownerWithWorkspace();
    expect(a.workspace.slug).not.toBe(b.workspace.slug);
    expect(b.workspace.slug).toMatch(/^budget-voices/);
    const ws = await json(await a.owner.api("GET", `/workspaces/${a.workspace.slug}`));
    expect(ws).toMatchObject({
      slug: a.workspace.slug,
      name: "Budget Voices",
      district: { slug: a.district.slug, name: "Lakeside Schools" },
      role: "owner",
    });
  });

  it("validates input: 400 for broken JSON or wrong content type, 422 with per-field messages", async () => {
    const client = await signedIn("Validator");
    const broken = await client.api("POST", "/districts", "{not json");
    expect(broken.status).toBe(400);
    expect(await json(broken)).toMatchObject({ error: { code: "bad_request" } });

    const form = await client.request("POST", "/api/v1/districts", {
      body: "name=x",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(400);

    const invalid = await client.api("POST", "/districts", { name: "" });
    expect(invalid.status).toBe(422);
    expect(await json(invalid)).toEqual({
      error: {
        code: "validation_failed",
        message: expect.any(String),
        details: { fields: { name: expect.any(String) } },
      },
    });
    const tooLong = await client.api("POST", "/districts", { name: "x".repeat(500) });
    expect(tooLong.status).toBe(422);
    expect((await json(tooLong)).error.details.fields.name).toBe("This name is too long.");

    const huge = await client.api("POST", "/districts", { name: "x".repeat(100_000) });
    expect(huge.status).toBe(413);
    expect((await json(await client.api("GET", "/districts"))).districts).toEqual([]);
  });

  it("lets only district admins create workspaces", async () => {
    const { owner, district } = await ownerWithWorkspace();
    const stranger = await signedIn("Stranger");
    const res = await stranger.api("POST", `/districts/${district.slug}/workspaces`, { name: "Sneaky" });
    expect(res.status).toBe(404);
    const list = await stranger.api("GET", `/districts/${district.slug}/workspaces`);
    expect(list.status).toBe(404);
    expect(await owner.api("GET", `/districts/${district.slug}/workspaces`).then((r) => r.status)).toBe(200);
  });

  it("answers 401 without credentials and 405 for the wrong method", async () => {
    const anon = new TestClient(app.url);
    for (const path of ["/me", "/districts", "/workspaces/anything"]) {
      const res = await anon.api("GET", path);
      expect(res.status, path).toBe(401);
      expect(await json(res)).toMatchObject({ error: { code: "unauthorized" } });
    }
    const client = await signedIn("Method");
    expect((await client.api("PUT", "/me")).status).toBe(405);
    expect((await client.api("GET", "/no/such/endpoint")).status).toBe(404);
  });
});

describe("invitations", () => {
  it("lets an invited person join with the invitation's role and group, and counts the use", async () => {
    const { owner, workspace } = await ownerWithWorkspace();
    const inv = await invite(owner, workspace.slug, { role: "commenter", stakeholderGroup: "family", maxUses: 2 });
    expect(inv.url).toMatch(new RegExp(`^${app.url}/invite/[a-z2-7]{32}$`));
    expect(new Date(inv.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);

    const family = await signedIn("Family");
    const accepted = await family.api("POST", `/invitations/${inv.token}/accept`);
    expect(accepted.status).toBe(200);
    expect(await json(accepted)).toMatchObject({ workspace: { slug: workspace.slug, name: "Budget Voices" } });

    const me = await json(await family.api("GET", `/workspaces/${workspace.slug}`));
    expect(me).toMatchObject({ role: "commenter", stakeholderGroup: "family" });
    const members = await json(await family.api("GET", `/workspaces/${workspace.slug}/members`));
    expect(members.members).toHaveLength(2);
    // Members who do not manage the workspace do not see e-mail addresses.
    expect(members.members.every((m: any) => m.email === undefined)).toBe(true);
    const asOwner = await json(await owner.api("GET", `/workspaces/${workspace.slug}/members`));
    expect(asOwner.members.every((m: any) => typeof m.email === "string")).toBe(true);

    const [row] = await app.db
      .select()
      .from(invitations)
      .where(eq(invitations.workspaceId, await wsId(workspace.slug)));
    expect(row!.uses).toBe(1);
    // Accepting again as a member keeps the role and does not use up the link.
    expect((await family.api("POST", `/invitations/${inv.token}/accept`)).status).toBe(200);
    const [again] = await app.db.select().from(invitations).where(eq(invitations.id, row!.id));
    expect(again!.uses).toBe(1);
    const audit = await app.db.select().from(auditEvents).where(eq(auditEvents.action, "invitation.accept"));
    expect(audit.length).toBeGreaterThan(0);
  });

  it("joins through the invitation page as a form post", async () => {
    const { owner, workspace } = await ownerWithWorkspace();
    const inv = await invite(owner, workspace.slug, { role: "viewer", stakeholderGroup: "coalition" });
    const anon = new TestClient(app.url);
    const landing = await anon.get(`/invite/${inv.token}`);
    expect(landing.status).toBe(200);
    const html = await landing.text();
    expect(html).toContain("Join Budget Voices");
    expect(html).toContain(`/signup?redirectTo=${encodeURIComponent(`/invite/${inv.token}`)}`);

    const joiner = await signedIn("Joiner");
    const res = await joiner.postForm(`/invite/${inv.token}`, {});
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/workspaces/${workspace.slug}`);
    expect((await joiner.get(`/workspaces/${workspace.slug}`)).status).toBe(200);
  });

  it("refuses expired, used-up, revoked and unknown links, and adds nobody", async () => {
    const { owner, workspace } = await ownerWithWorkspace();
    const id = await wsId(workspace.slug);
    const memberCount = async () =>
      (await app.db.select().from(workspaceMemberships).where(eq(workspaceMemberships.workspaceId, id))).length;
    const before = await memberCount();

    const expired = await invite(owner, workspace.slug, { role: "viewer", stakeholderGroup: "community" });
    await app.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.workspaceId, id));
    const late = await signedIn("Late");
    const r1 = await late.api("POST", `/invitations/${expired.token}/accept`);
    expect(r1.status).toBe(410);
    expect(await json(r1)).toMatchObject({ error: { code: "invitation_expired" } });
    expect((await late.get(`/invite/${expired.token}`)).status).toBe(410);

    const single = await invite(owner, workspace.slug, { role: "viewer", stakeholderGroup: "community", maxUses: 1 });
    expect((await (await signedIn("First")).api("POST", `/invitations/${single.token}/accept`)).status).toBe(200);
    const r2 = await (await signedIn("Second")).api("POST", `/invitations/${single.token}/accept`);
    expect(r2.status).toBe(410);
    expect(await json(r2)).toMatchObject({ error: { code: "invitation_used_up" } });

    const revoked = await invite(owner, workspace.slug, { role: "viewer", stakeholderGroup: "community" });
    const [revRow] = await app.db
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, hashToken(revoked.token)));
    const page = await owner.postForm(`/workspaces/${workspace.slug}?index`, {
      intent: "revoke-invitation",
      invitationId: revRow!.id,
    });
    expect(page.status).toBe(200);
    const r3 = await (await signedIn("Third")).api("POST", `/invitations/${revoked.token}/accept`);
    expect(r3.status).toBe(410);
    expect(await json(r3)).toMatchObject({ error: { code: "invitation_revoked" } });

    const r4 = await (await signedIn("Fourth")).api("POST", `/invitations/not-a-real-token/accept`);
    expect(r4.status).toBe(404);
    expect((await new TestClient(app.url).get(`/invite/not-a-real-token`)).status).toBe(404);

    expect(await memberCount()).toBe(before + 1);
  });

  it("validates invitation input and lets only owners invite", async () => {
    const { owner, workspace } = await ownerWithWorkspace();
    const bad = await owner.api("POST", `/workspaces/${workspace.slug}/invitations`, {
      role: "emperor",
      stakeholderGroup: "family",
      expiresInDays: 400,
      maxUses: 0,
    });
    expect(bad.status).toBe(422);
    expect(Object.keys((await json(bad)).error.details.fields).sort()).toEqual(["expiresInDays", "maxUses", "role"]);

    const editorInv = await invite(owner, workspace.slug, { role: "editor", stakeholderGroup: "cabinet" });
    const editor = await signedIn("Editor");
    await editor.api("POST", `/invitations/${editorInv.token}/accept`);
    const denied = await editor.api("POST", `/workspaces/${workspace.slug}/invitations`, {
      role: "owner",
      stakeholderGroup: "cabinet",
    });
    expect(denied.status).toBe(403);
    expect(await json(denied)).toMatchObject({ error: { code: "forbidden" } });
    const pageDenied = await editor.postForm(`/workspaces/${workspace.slug}?index`, {
      intent: "create-invitation",
      role: "owner",
      stakeholderGroup: "cabinet",
    });
    expect(pageDenied.status).toBe(403);
  });
});

describe("membership changes", () => {
  it("owners change roles and remove members; the last owner cannot leave or be demoted", async () => {
    const { owner, workspace } = await ownerWithWorkspace();
    const inv = await invite(owner, workspace.slug, { role: "viewer", stakeholderGroup: "family", maxUses: 5 });
    const member = await signedIn("Member");
    await member.api("POST", `/invitations/${inv.token}/accept`);
    const memberId = (await json(await member.api("GET", "/me"))).id;
    const ownerId = (await json(await owner.api("GET", "/me"))).id;

    // Last owner: cannot demote themself or leave.
    const demote = await owner.postForm(`/workspaces/${workspace.slug}?index`, {
      intent: "update-member",
      userId: ownerId,
      role: "editor",
      stakeholderGroup: "cabinet",
    });
    expect(demote.status).toBe(409);
    expect(await demote.text()).toContain("at least one owner");
    expect((await owner.postForm(`/workspaces/${workspace.slug}?index`, { intent: "leave" })).status).toBe(409);
    expect((await json(await owner.api("GET", `/workspaces/${workspace.slug}`))).role).toBe("owner");

    // Promote the member; now the first owner may leave.
    const promote = await owner.postForm(`/workspaces/${workspace.slug}?index`, {
      intent: "update-member",
      userId: memberId,
      role: "owner",
      stakeholderGroup: "coalition",
    });
    expect(promote.status).toBe(200);
    expect(await json(await member.api("GET", `/workspaces/${workspace.slug}`))).toMatchObject({
      role: "owner",
      stakeholderGroup: "coalition",
    });
    const leave = await owner.postForm(`/workspaces/${workspace.slug}?index`, { intent: "leave" });
    expect(leave.status).toBe(302);
    expect((await owner.api("GET", `/workspaces/${workspace.slug}`)).status).toBe(404);

    // A non-owner cannot manage members.
    const viewer = await signedIn("Viewer");
    await viewer.api("POST", `/invitations/${inv.token}/accept`);
    const attempt = await viewer.postForm(`/workspaces/${workspace.slug}?index`, {
      intent: "remove-member",
      userId: memberId,
    });
    expect(attempt.status).toBe(403);
    expect((await json(await member.api("GET", `/workspaces/${workspace.slug}`))).role).toBe("owner");

    // The owner removes the viewer, who loses access at once.
    const viewerId = (await json(await viewer.api("GET", "/me"))).id;
    const removed = await member.postForm(`/workspaces/${workspace.slug}?index`, {
      intent: "remove-member",
      userId: viewerId,
    });
    expect(removed.status).toBe(200);
    expect((await viewer.get(`/workspaces/${workspace.slug}`)).status).toBe(404);
  });
});

async function wsId(slug: string) {
  const [row] = await app.db.select().from(workspaces).where(eq(workspaces.slug, slug));
  return row!.id;
}
