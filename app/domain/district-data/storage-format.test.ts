import { describe, expect, it } from "vitest";
import { generatePackage } from "../../../db/seed/data/generate-package";
import { parseDataPackage } from "./parse";
import { fromStored, toStored } from "./storage-format";
import type { DataPackage } from "./types";

function riverbendLike(): DataPackage {
  const parsed = parseDataPackage(generatePackage({ schools: 12, seed: 7 }));
  if (!parsed.ok) throw new Error("the generated package should be valid");
  return parsed.data;
}

describe("stored data package format", () => {
  it("gives back exactly the package it stored, suppressed values included", () => {
    const pkg = riverbendLike();
    pkg.measures[3] = { ...pkg.measures[3]!, value: { suppressed: true } };
    const stored = JSON.parse(JSON.stringify(toStored(pkg)));
    expect(fromStored(stored)).toEqual(pkg);
  });

  it("stores measure rows as indexes into the schools and the names used", () => {
    const pkg = riverbendLike();
    const stored = toStored(pkg);
    expect(stored.rows.school).toHaveLength(pkg.measures.length);
    const first = pkg.measures[0]!;
    expect(stored.schools[stored.rows.school[0]!]!.schoolId).toBe(first.schoolId);
    expect(stored.names.measures[stored.rows.measure[0]!]).toBe(first.measure);
    expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(pkg).length / 3);
  });

  it("still reads versions stored before, as the package itself", () => {
    const pkg = riverbendLike();
    expect(fromStored(JSON.parse(JSON.stringify(pkg)))).toEqual(pkg);
  });

  it("refuses a row whose school is not in the package", () => {
    const pkg = riverbendLike();
    pkg.measures.push({ ...pkg.measures[0]!, schoolId: "NOPE" });
    expect(() => toStored(pkg)).toThrow(/unknown school NOPE/);
  });
});
