import { useParams } from "@remix-run/react";

/** Absolute links inside the current workspace (relative ones change meaning with nested segments). */
export function useWorkspacePath(): (path: string) => string {
  const { workspace } = useParams();
  return (path) => `/workspaces/${encodeURIComponent(workspace ?? "")}/${path}`;
}
