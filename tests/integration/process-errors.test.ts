import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scratchStorage, spawnServer } from "../helpers/child-server";
import { waitFor } from "../helpers/collab";

// The server runs as a separate process: what it does with an error no one handled is the subject.

let storage: Awaited<ReturnType<typeof scratchStorage>>;
beforeAll(async () => {
  storage = await scratchStorage();
});
afterAll(() => storage.cleanup());

describe("a programming error in the server process", () => {
  it("is logged as fatal and the process exits with 1", async () => {
    const preload = path.resolve(import.meta.dirname, "../fixtures/programming-error-on-signal.mjs");
    const server = await spawnServer({ ...storage.env, NODE_OPTIONS: `--import=${preload}` });
    const lines: Record<string, unknown>[] = [];
    server.process.stdout!.on("data", (d) => {
      for (const line of String(d).split("\n")) if (line.startsWith("{")) lines.push(JSON.parse(line));
    });
    server.process.kill("SIGUSR2");
    expect(await server.exited).toBe(1);
    const fatal = await waitFor(() => lines.find((l) => l.msg === "programming error, exiting"), 5_000, "fatal log");
    expect(fatal).toMatchObject({
      level: 60,
      event: "unhandledRejection",
      err: { message: "test: a programming error" },
    });
  });
});
