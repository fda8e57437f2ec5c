import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient, uniqueEmail } from "../helpers/client";
import { scratchStorage, spawnServer, type ChildServer } from "../helpers/child-server";

// The server runs as a separate process so it can really be killed with SIGKILL. On a PGlite
// folder by default; on a scratch Postgres database with TEST_DB=postgres (helpers/child-server).

let storage: Awaited<ReturnType<typeof scratchStorage>>;
let server: ChildServer | undefined;

beforeAll(async () => {
  storage = await scratchStorage();
});
afterAll(async () => {
  server?.process.kill("SIGKILL");
  await server?.exited;
  await storage.cleanup();
});

type Ballot = { choices: string[] | null; receipt: string | null };

describe("ballot durability", () => {
  it("keeps every ballot answered 200 through kill -9 and a restart: the same choices, the same receipt, counted", async () => {
    server = await spawnServer(storage.env);
    const owner = new TestClient(server.url);
    const ownerEmail = uniqueEmail("ballot-crash-owner");
    await owner.signup("Owner", ownerEmail);
    const district = await (await owner.api("POST", "/districts", { name: "Crash District" })).json();
    const ws = (await (await owner.api("POST", `/districts/${district.slug}/workspaces`, { name: "Crash" })).json())
      .slug as string;
    const invited = await owner.api("POST", `/workspaces/${ws}/invitations`, {
      role: "viewer",
      stakeholderGroup: "family",
    });
    const invite = ((await invited.json()) as { url: string }).url.split("/invite/")[1]!;
    const voter = new TestClient(server.url);
    const voterEmail = uniqueEmail("ballot-crash-voter");
    await voter.signup("Voter", voterEmail);
    expect((await voter.api("POST", `/invitations/${invite}/accept`)).status).toBe(200);

    const created = await owner.api("POST", `/workspaces/${ws}/polls`, {
      title: "Where should $100,000 go?",
      budget: 100000,
      ballot: { type: "budget" },
      options: [
        { title: "Reading tutors", cost: 40000 },
        { title: "Bus route", cost: 30000 },
        { title: "Counselor", cost: "50000.50" },
      ],
    });
    expect(created.status).toBe(201);
    const poll = ((await created.json()) as { id: string }).id;
    expect((await owner.api("PATCH", `/polls/${poll}`, { state: "open" })).status).toBe(200);

    // The voter's first ballot, then a revision (the row is updated, the receipt stays); the owner's.
    const first = await voter.api("PUT", `/polls/${poll}/ballot`, { choices: ["P3"], clientToken: "first" });
    expect(first.status).toBe(200);
    const voterReceipt = ((await first.json()) as { receipt: string }).receipt;
    const revised = await voter.api("PUT", `/polls/${poll}/ballot`, { choices: ["P1", "P2"], clientToken: "second" });
    expect(revised.status).toBe(200);
    expect(await revised.json()).toEqual({ receipt: voterReceipt });
    const ownerVote = await owner.api("PUT", `/polls/${poll}/ballot`, { choices: ["P3"] });
    expect(ownerVote.status).toBe(200);
    const ownerReceipt = ((await ownerVote.json()) as { receipt: string }).receipt;

    // Killed right after the last 200: no graceful shutdown, no chance to flush anything.
    server.process.kill("SIGKILL");
    await server.exited;

    server = await spawnServer(storage.env);
    const voterAgain = new TestClient(server.url);
    await voterAgain.login(voterEmail);
    const ownerAgain = new TestClient(server.url);
    await ownerAgain.login(ownerEmail);

    const mine = async (client: TestClient) => {
      const res = await client.api("GET", `/polls/${poll}/ballot`);
      expect(res.status).toBe(200);
      return (await res.json()) as Ballot;
    };
    expect(await mine(voterAgain)).toMatchObject({ choices: ["P1", "P2"], receipt: voterReceipt });
    expect(await mine(ownerAgain)).toMatchObject({ choices: ["P3"], receipt: ownerReceipt });

    // The count includes both, and once published every counted ballot is listed by receipt.
    const live = await ownerAgain.api("GET", `/polls/${poll}/results?rule=votes`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ ballots: 2 });
    expect((await ownerAgain.api("PATCH", `/polls/${poll}`, { state: "closed" })).status).toBe(200);
    expect((await ownerAgain.api("PATCH", `/polls/${poll}`, { state: "published" })).status).toBe(200);
    const published = (await (await voterAgain.api("GET", `/polls/${poll}/results?rule=votes`)).json()) as {
      ballots: number;
      options: { code: string; votes: number }[];
      counted: { receipt: string; choices: { code: string }[] }[];
    };
    expect(published.ballots).toBe(2);
    expect(Object.fromEntries(published.options.map((o) => [o.code, o.votes]))).toEqual({ P1: 1, P2: 1, P3: 1 });
    expect(
      published.counted
        .map((b) => [b.receipt, b.choices.map((c) => c.code)] as const)
        .sort((a, b) => a[0].localeCompare(b[0])),
    ).toEqual(
      [[voterReceipt, ["P1", "P2"]] as const, [ownerReceipt, ["P3"]] as const].sort((a, b) => a[0].localeCompare(b[0])),
    );
  }, 120_000);
});
