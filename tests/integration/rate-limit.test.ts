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
