// What durability costs on this machine, measured in the same run as the scenarios: one
// durable Postgres commit of a small row (the unit of "stored before relayed") against one
// relay write to a waiting client (the unit of the reference's work), each paced at a
// scenario's overall edit rate so the process is as idle between them as it is there.
import { spawn } from "node:child_process";
import { createServer, type Socket } from "node:net";
import postgres from "postgres";

export type FloorPace = { label: string; everyMs: number; count: number };

export type Floor = FloorPace & {
  commitP50Ms: number;
  commitP99Ms: number;
  /** CPU of the committing process per commit, beyond the pacing timer's own (µs); Postgres's own work is not in it. */
  commitCpuUs: number;
  /** CPU per small write to a loopback socket whose reader (another process) waits for it (µs). */
  relayWriteCpuUs: number;
};

const PAYLOAD = Buffer.alloc(40, 7); // about one bench edit as a y-websocket sync message
const READERS = 9; // the other clients of a 10-client plan

const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/**
 * CPU per round of `work`, rounds starting `everyMs` apart (by the clock, so the rate holds
 * whatever a round takes, unless it takes longer), minus the same timer wake-ups without it (µs).
 */
async function pacedCpuUs(pace: FloorPace, work: () => Promise<void> | void): Promise<number> {
  const rounds = async (body: () => Promise<void> | void) => {
    const first = performance.now();
    for (let i = 0; i < pace.count; i++) {
      const wait = first + i * pace.everyMs - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await body();
    }
  };
  let start = cpuUs();
  await rounds(work);
  const busy = cpuUs() - start;
  start = cpuUs();
  await rounds(() => {});
  return (busy - (cpuUs() - start)) / pace.count;
}

async function commitFloor(databaseUrl: string, pace: FloorPace) {
  // The statement the collaboration server prepares for one row (app/models/plan-storage.server.ts),
  // on a plain logged table of the same shape (a temporary table would skip the WAL flush).
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`create table if not exists bench_commit_probe (id bigserial primary key, plan_id uuid, update bytea, user_id text)`;
    const text = "insert into bench_commit_probe (plan_id, update, user_id) values ($1, $2, $3)";
    const args = ["00000000-0000-4000-8000-000000000000", PAYLOAD, "probe"];
    const insert = () => sql.unsafe(text, args, { prepare: true }).then(() => {});
    for (let i = 0; i < 200; i++) await insert(); // warm: connection, prepared statement, JIT
    const latencies: number[] = [];
    const cpu = await pacedCpuUs(pace, async () => {
      const t = performance.now();
      await insert();
      latencies.push(performance.now() - t);
    });
    latencies.sort((a, b) => a - b);
    const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)]!;
    await sql`drop table bench_commit_probe`;
    return { commitP50Ms: at(0.5), commitP99Ms: at(0.99), commitCpuUs: cpu };
  } finally {
    await sql.end();
  }
}

async function relayWriteFloor(pace: FloorPace) {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const sockets: Socket[] = [];
  server.on("connection", (s) => {
    s.setNoDelay(true); // as ws does
    sockets.push(s);
  });
  const { port } = server.address() as { port: number };
  const reader = `require("node:net").connect(${port}, "127.0.0.1").on("data", () => {});`;
  const children = Array.from({ length: READERS }, () => spawn(process.execPath, ["-e", reader], { stdio: "ignore" }));
  try {
    while (sockets.length < READERS) await new Promise((r) => setTimeout(r, 20));
    const round = () => {
      for (const s of sockets) s.write(PAYLOAD);
    };
    await pacedCpuUs({ ...pace, count: 50 }, round); // warm
    return { relayWriteCpuUs: (await pacedCpuUs(pace, round)) / READERS };
  } finally {
    for (const c of children) c.kill();
    for (const s of sockets) s.destroy();
    server.close();
  }
}

/** Per pace: `count` paced commits, then `count` paced rounds of one write to each of 9 readers. */
export async function measureFloor(databaseUrl: string, paces: FloorPace[]): Promise<Floor[]> {
  const out: Floor[] = [];
  for (const pace of paces) {
    const commit = await commitFloor(databaseUrl, pace);
    const relay = await relayWriteFloor(pace);
    out.push({ ...pace, ...commit, ...relay });
  }
  return out;
}
