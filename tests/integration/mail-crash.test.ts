import { describe, expect, it } from "vitest";
import { TestClient, uniqueEmail } from "../helpers/client";
import { crashScene } from "../helpers/child-server";
import { waitFor } from "../helpers/collab";

// The production server as a child process, killed without warning: mail accepted with a 200
// is in the database already, and the next process sends it, once.

const scene = crashScene();
const { start, mailEnv } = scene;

describe("mail across a crash", () => {
  it("says once at start that e-mail is not configured, and the reset page says so too", async () => {
    const server = await start({});
    const notConfigured = server
      .output()
      .split("\n")
      .filter((line) => line.includes("e-mail is not configured"));
    expect(notConfigured).toHaveLength(1);
    const page = await new TestClient(server.url).get("/forgot-password");
    expect(await page.text()).toContain("This district has not configured e-mail");
    const refused = await new TestClient(server.url).postForm("/forgot-password", { email: "a@example.org" });
    expect(refused.status).toBe(503);
    server.process.kill("SIGTERM");
    await server.exited;
  }, 60_000);

  it("sends a reset mail once after kill -9 right after the 200", async () => {
    const email = uniqueEmail("crash");
    const first = await start(mailEnv());
    await new TestClient(first.url).signup("Rosa", email);
    const res = await new TestClient(first.url).postForm("/forgot-password", { email });
    expect(res.status).toBe(200);
    first.process.kill("SIGKILL");
    await first.exited;

    // DEV_UI=1 opens /dev/mail in production, to see the outbox's state from outside.
    const second = await start({ ...mailEnv(), DEV_UI: "1" });
    // Sign-up also queued a verification mail: this test follows the reset mail alone.
    const isReset = (m: { to: string[]; decoded: string }) =>
      m.to.includes(email) && m.decoded.includes("/reset-password/");
    await scene.smtp.waitForMessage(isReset, { timeoutMs: 30_000 });
    await waitFor(
      async () => (await (await fetch(second.url + "/dev/mail")).text()).includes("password_reset · sent"),
      30_000,
      "the outbox row marked sent",
    );
    expect(scene.smtp.received.filter(isReset)).toHaveLength(1);
  }, 120_000);
});
