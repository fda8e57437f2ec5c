import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient, uniqueEmail } from "../helpers/client";
import { startTestServer, type TestServer } from "../helpers/server";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer({ loginLimits: { perEmail: 5, perAddress: 30 } });
});
afterAll(() => app.close());

describe("sign-in rate limit", () => {
  it("blocks an e-mail after 5 failed attempts, even with the right password, and says when to retry", async () => {
    const email = uniqueEmail("limited");
    await new TestClient(app.url).signup("Target", email);
    for (let i = 0; i < 5; i++) {
      const res = await new TestClient(app.url).postForm("/login", { email, password: `wrong password ${i}` });
      expect(res.status).toBe(400);
    }
    const blocked = new TestClient(app.url);
    const res = await blocked.postForm("/login", { email, password: "correct horse battery" });
    expect(res.status).toBe(429);
    expect(await res.text()).toMatch(/Too many attempts\. Try again in 1[45] minutes\./);
    expect(blocked.cookies.has("rq_session")).toBe(false);

    // Another account is not affected by this e-mail's limit.
    const other = uniqueEmail("other");
    await new TestClient(app.url).signup("Other", other);
    await new TestClient(app.url).login(other);
  });

  it("counts wrong passwords typed again on the Account page and the API against the same limit", async () => {
    const email = uniqueEmail("rechecked");
    const client = new TestClient(app.url);
    await client.signup("Target Again", email);
    const changePassword = (currentPassword: string) =>
      client.postForm("/account", {
        intent: "change-password",
        currentPassword,
        newPassword: "a brand new passphrase",
      });
    for (let i = 0; i < 3; i++) expect((await changePassword(`wrong password ${i}`)).status).toBe(400);
    for (let i = 0; i < 2; i++) {
      const res = await client.api("POST", "/me/email-change", {
        email: uniqueEmail("elsewhere"),
        password: `nope ${i}`,
      });
      expect(res.status).toBe(422);
    }
    // Five wrong guesses on forms behind a session: signing in is blocked as after five at /login...
    const res = await new TestClient(app.url).postForm("/login", { email, password: "correct horse battery" });
    expect(res.status).toBe(429);
    // ...and the forms refuse even the right password, changing nothing.
    const refused = await changePassword("correct horse battery");
    expect(await refused.text()).toContain("Too many wrong passwords for this account.");
    const deletion = await client.api("DELETE", "/me", { password: "correct horse battery" });
    expect(deletion.status).toBe(429);
    expect((await client.api("GET", "/me")).status).toBe(200);
  });

  it("clears the misses when the password typed again is right, as a sign-in does", async () => {
    const email = uniqueEmail("recovered");
    const client = new TestClient(app.url);
    await client.signup("Target Recovered", email);
    const changePassword = (currentPassword: string, newPassword: string) =>
      client.postForm("/account", { intent: "change-password", currentPassword, newPassword });
    for (let i = 0; i < 4; i++) expect((await changePassword(`wrong ${i}`, "unused passphrase")).status).toBe(400);
    expect((await changePassword("correct horse battery", "a brand new passphrase")).status).toBe(200);
    // Four misses before the right one no longer count: four more at /login still leave the account open.
    for (let i = 0; i < 4; i++) {
      expect((await new TestClient(app.url).postForm("/login", { email, password: `bad ${i}` })).status).not.toBe(429);
    }
    const signIn = await new TestClient(app.url).postForm("/login", { email, password: "a brand new passphrase" });
    expect(signIn.status).toBe(302);
  });

  it("blocks an address after too many attempts across e-mails", async () => {
    let last: Response | undefined;
    for (let i = 0; i < 40; i++) {
      last = await new TestClient(app.url).postForm("/login", { email: uniqueEmail("spray"), password: "whatever123" });
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(await last!.text()).toContain("Try again in");
  });
});
