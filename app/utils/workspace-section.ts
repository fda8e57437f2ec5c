export const workspaceSections = ["overview", "diagnostic", "views", "polls"] as const;
export type WorkspaceSection = (typeof workspaceSections)[number];

/**
 * The workspace tab a page belongs to: plans (their history and versions too)
 * are opened from the overview, so it is the current tab there.
 */
export function workspaceSection(pathname: string, slug: string): WorkspaceSection | null {
  const base = `/workspaces/${slug}`;
  if (pathname !== base && !pathname.startsWith(`${base}/`)) return null;
  const first = pathname.slice(base.length).split("/").filter(Boolean)[0];
  if (first === undefined || first === "plans") return "overview";
  return (workspaceSections as readonly string[]).includes(first) ? (first as WorkspaceSection) : null;
}

/** Where each tab leads. */
export function workspaceSectionPath(slug: string, section: WorkspaceSection): string {
  return section === "overview" ? `/workspaces/${slug}` : `/workspaces/${slug}/${section}`;
}
