import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "../../db/schema";
import { TestClient } from "../helpers/client";
import { crashScene, withStorage } from "../helpers/child-server";
import { waitFor } from "../helpers/collab";
import { createPlan, createWorkspace, member, signedUp } from "../helpers/workspace";

// The production server as a child process: its notifier runs on its own (NOTIFY_MAIL_INTERVAL_MS),
// and a mention or a vote opening answered with 200 is mailed once even when the process is
// killed without warning right after.

const scene = crashScene();
const start = () =>
  scene.start({
    ...scene.mailEnv(),
    NOTIFY_MAIL_INTERVAL_MS: "1000",
    // /dev/mail in production, to read the outbox's state from outside.
    DEV_UI: "1",
  });
const { stop } = scene;

const me = async (c: TestClient) => (await (await c.api("GET", "/me")).json()) as { id: string; email: string };

describe("notification mail across a crash", () => {
  it("mails a mention and a vote opening once after kill -9 right after their 200s", async () => {
    const first = await start();
    const owner = await signedUp(first.url, "Olivia Owner", "crash-owner");
    const workspace = await createWorkspace(owner, "Crash District", "Crash workspace");
    const planId = await createPlan(owner, workspace, { title: "Crash plan", template: "equity_action_plan" });
    const created = await owner.api("POST", `/workspaces/${workspace}/polls`, {
      title: "Crash vote",
      budget: 1000,
      ballot: { type: "approval", maxOptions: 1 },
      options: [
        { title: "Library hours", cost: 1000 },
        { title: "Art supplies", cost: 500 },
      ],
    });
    expect(created.status).toBe(201);
    const pollId = ((await created.json()) as { id: string }).id;
    const ana = await me(
      await member(owner, workspace, { role: "commenter", stakeholderGroup: "family", name: "Ana" }),
    );
    const ownerEmail = (await me(owner)).email;
    await stop(first, "SIGTERM");

    // Her address is confirmed (e-mail verification is another part of issue 14): set while no server runs.
    await withStorage(scene.storage, (db) =>
      db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, ana.id)),
    );

    const second = await start();
    const owner2 = new TestClient(second.url);
    await owner2.login(ownerEmail);
    const thread = await owner2.api("POST", `/plans/${planId}/threads`, {
      body: "Ana, the bus routes before Friday please",
      anchor: { quote: "Where we are" },
      mentions: [ana.id],
    });
    expect(thread.status).toBe(201);
    expect((await owner2.api("PATCH", `/polls/${pollId}`, { state: "open" })).status).toBe(200);
    await stop(second, "SIGKILL");

    // The next process mails both, once: its own notifier announces the vote, nobody calls it.
    const third = await start();
    await waitFor(
      async () => {
        const page = await (await fetch(third.url + "/dev/mail")).text();
        return (page.match(/notification · sent/g) ?? []).length === 2;
      },
      60_000,
      "the mention and the vote announcement sent",
    );
    const toAna = scene.smtp.received.filter((m) => m.to.includes(ana.email));
    expect(toAna.filter((m) => m.decoded.includes("Olivia Owner mentioned you in Crash workspace"))).toHaveLength(1);
    expect(toAna.filter((m) => m.decoded.includes("A vote is open in Crash workspace: Crash vote"))).toHaveLength(1);
    // Besides the verification link sign-up mailed her, nothing else.
    expect(toAna.filter((m) => !m.decoded.includes("/verify-email/"))).toHaveLength(2);
  }, 180_000);
});
