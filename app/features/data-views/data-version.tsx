import { useState } from "react";
import { useWorkspaceEvents } from "../workspace-events/workspace-events";

/**
 * The latest data version of the workspace's district, as the server announces it on the
 * workspace's event stream (it sends the current version on every connect, so nothing missed
 * while offline is lost); null until known. Needs a WorkspaceEventsProvider above.
 */
export function useDataVersion(): number | null {
  const [version, setVersion] = useState<number | null>(null);
  useWorkspaceEvents(["data.version"], (_name, data) => setVersion(data.version));
  return version;
}
