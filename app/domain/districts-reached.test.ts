import { describe, expect, it } from "vitest";
import { districtsReached } from "./districts-reached";

const riverbend = { slug: "riverbend", name: "Riverbend" };
const alder = { slug: "alder", name: "Alder Valley" };

describe("districtsReached", () => {
  it("lists a district reached only through a workspace, with the role held there", () => {
    const family = { slug: "family-budget", name: "Family budget priorities" };
    expect(districtsReached([], [{ district: riverbend, workspace: family, role: "commenter" }])).toEqual([
      { ...riverbend, districtRole: null, workspaces: [{ ...family, role: "commenter" }] },
    ]);
  });

  it("merges a district role with the workspaces of the same district, sorted by name", () => {
    const cabinet = { slug: "cabinet", name: "Cabinet plan" };
    const coalition = { slug: "coalition", name: "Coalition review" };
    const reached = districtsReached(
      [{ ...riverbend, role: "admin" }],
      [
        { district: riverbend, workspace: coalition, role: "viewer" },
        { district: alder, workspace: cabinet, role: "editor" },
        { district: riverbend, workspace: cabinet, role: "owner" },
      ],
    );
    expect(reached.map((d) => [d.slug, d.districtRole, d.workspaces.map((w) => `${w.slug}:${w.role}`)])).toEqual([
      ["alder", null, ["cabinet:editor"]],
      ["riverbend", "admin", ["cabinet:owner", "coalition:viewer"]],
    ]);
  });

  it("is empty for a person with neither", () => {
    expect(districtsReached([], [])).toEqual([]);
  });
});
