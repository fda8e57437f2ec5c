import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users, workspaceMemberships, workspaces } from "../../db/schema";
import { TestClient } from "../helpers/client";
import { demoMember, startDemoServer } from "../helpers/demo";
import { riverbend, uploadPackage } from "../helpers/district-data";
import type { TestServer } from "../helpers/server";
import { signedUp } from "../helpers/workspace";

const WORKSPACE = "family-budget-priorities";

let app: TestServer;
let sup: TestClient;

beforeAll(async () => {
  app = await startDemoServer();
  sup = await demoMember(app.url, "superintendent");
});
afterAll(() => app.close());

async function importPackage() {
  const res = await uploadPackage(sup, "riverbend", riverbend);
  expect(res.status).toBe(201);
  return ((await res.json()) as { version: number }).version;
}

/** An open event stream, read event by event. */
async function openEvents(client: TestClient, workspace = WORKSPACE, path = "events") {
  const res = await client.get(`/api/v1/workspaces/${workspace}/${path}`);
  if (!res.ok) throw new Error(`stream refused: ${res.status}`);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let received = "";
  return {
    contentType: res.headers.get("content-type"),
    /** Everything read so far, comments and retry hints included. */
    received: () => received,
    /** The next event, or null once the server has ended the stream. */
    async next(): Promise<{ event: string; data: unknown } | null> {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) return { event, data: JSON.parse(data) };
          continue; // a comment or the retry hint
        }
        const { value, done } = await reader.read();
        if (done) return null;
        buffer += value;
        received += value;
      }
    },
    close: () => reader.cancel(),
  };
}

describe("data version events", () => {
  // The workspace event stream names events by type; the first path, still answering, said `version`.
  it.each([
    ["events", "data.version"],
    ["data-events", "version"],
  ])("/%s tells an open plan's reader the current version, then each new import as it commits", async (path, name) => {
    const family = await demoMember(app.url, "family");
    const events = await openEvents(family, WORKSPACE, path);
    expect(events.contentType).toMatch(/^text\/event-stream/);
    const { version } = ((await events.next()) as { data: { version: number } }).data;

    const imported = await importPackage();
    expect(imported).toBe(version + 1);
    expect(await events.next()).toEqual({ event: name, data: { version: imported } });
    await events.close();
  });

  it.each(["events", "data-events"])(
    "/%s refuses non-members with 404 and anonymous callers with 401",
    async (path) => {
      const stranger = await signedUp(app.url, "Sam Stranger", `stranger-${path}`);
      const status = async (client: TestClient, workspace = WORKSPACE) =>
        (await client.get(`/api/v1/workspaces/${workspace}/${path}`)).status;
      expect(await status(stranger)).toBe(404);
      expect(await status(stranger, "no-such-workspace")).toBe(404);
      expect(await status(new TestClient(app.url))).toBe(401);
    },
  );

  it("keeps ten streams per user across tabs; an eleventh takes the oldest's place, which is told to come back later", async () => {
    // Two sign-ins of one person: tabs of two browsers count together, on both paths.
    const [tabsA, tabsB] = [await demoMember(app.url, "family"), await demoMember(app.url, "family")];
    const open: Awaited<ReturnType<typeof openEvents>>[] = [];
    try {
      for (let i = 0; i < 10; i++) {
        open.push(await openEvents(i % 2 ? tabsB : tabsA, WORKSPACE, i < 5 ? "events" : "data-events"));
        // In order: the first opened is the oldest.
        await open[i]!.next();
      }
      const newest = await openEvents(tabsB, WORKSPACE, "data-events");
      open.push(newest);
      await newest.next();
      // The oldest is ended, after a retry hint of a minute, so it does not take a slot back at once.
      expect(await open[0]!.next()).toBeNull();
      expect(open[0]!.received()).toMatch(/retry: 60000\n\n$/);
      // Another person's streams are not touched; the other ten of hers follow the next import.
      const other = await openEvents(sup);
      await other.next();
      const imported = await importPackage();
      for (const stream of [...open.slice(1), other])
        expect((await stream.next()) as { data: unknown }).toMatchObject({ data: { version: imported } });
      await other.close();
    } finally {
      for (const e of open) await e.close();
    }
  });

  it("ends a removed member's stream at the next import, without telling them the version", async () => {
    const family = await demoMember(app.url, "family");
    const events = await openEvents(family);
    const first = (await events.next()) as { data: { version: number } };

    const [rosa] = await app.db.select().from(users).where(eq(users.email, "rosa.garcia@riverbend.example"));
    const [workspace] = await app.db.select().from(workspaces).where(eq(workspaces.slug, WORKSPACE));
    await app.db
      .delete(workspaceMemberships)
      .where(and(eq(workspaceMemberships.userId, rosa!.id), eq(workspaceMemberships.workspaceId, workspace!.id)));

    expect(await importPackage()).toBe(first.data.version + 1);
    expect(await events.next()).toBeNull();
  });

  it("ends open streams when the server shuts down, so shutdown does not wait for them", async () => {
    const other = await startDemoServer();
    const client = await demoMember(other.url, "superintendent");
    const events = await openEvents(client);
    await events.next();
    const closed = other.close();
    expect(await events.next()).toBeNull();
    await closed;
  });
});
