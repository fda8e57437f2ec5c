import { describe, expect, it } from "vitest";
import { workspaceSection } from "./workspace-section";

describe("workspaceSection", () => {
  it.each([
    ["/workspaces/w", "overview"],
    ["/workspaces/w/", "overview"],
    ["/workspaces/w/plans/p1", "overview"],
    ["/workspaces/w/plans/p1/history", "overview"],
    ["/workspaces/w/plans/p1/history/v9", "overview"],
    ["/workspaces/w/diagnostic", "diagnostic"],
    ["/workspaces/w/diagnostic/school_funding", "diagnostic"],
    ["/workspaces/w/views", "views"],
    ["/workspaces/w/polls/0b7e", "polls"],
    ["/workspaces/w/unknown", null],
    ["/workspaces/wx/views", null],
  ])("%s is under %s", (path, section) => {
    expect(workspaceSection(path, "w")).toBe(section);
  });
});
