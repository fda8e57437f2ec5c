import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { afterAll, expect, it } from "vitest";
import { migrationsFolder, openDatabase } from "../../db/client";
import { users } from "../../db/schema";

// An instance that already has accounts when it upgrades gets an administrator too: its oldest account.

const scratch = mkdtempSync(path.join(os.tmpdir(), "migrations-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The committed migrations up to (not including) `tag`, as a folder of their own. */
function migrationsBefore(tag: string): string {
  const folder = path.join(scratch, "before");
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = path.join(folder, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag === tag);
  expect(cut).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

it("makes the oldest existing account the instance administrator when upgrading", async () => {
  const database = await openDatabase({ memory: true });
  try {
    const db = database.db as unknown as PgliteDatabase;
    await migrate(db, { migrationsFolder: migrationsBefore("0005_instance_admins_session_devices") });
    await db.execute(sql`insert into users (email, name, created_at) values
      ('second@example.test', 'Second', now() - interval '1 day'),
      ('first@example.test', 'First', now() - interval '2 days'),
      ('third@example.test', 'Third', now())`);
    await database.migrate();
    const rows = await database.db
      .select({ name: users.name, isInstanceAdmin: users.isInstanceAdmin })
      .from(users)
      .orderBy(asc(users.createdAt));
    expect(rows).toEqual([
      { name: "First", isInstanceAdmin: true },
      { name: "Second", isInstanceAdmin: false },
      { name: "Third", isInstanceAdmin: false },
    ]);
  } finally {
    await database.close();
  }
});
