import { createContext, useContext, useEffect, useState, type ReactNode } from "react";

/** The latest data version of the workspace's district, as the server announces it; null until known. */
const DataVersionContext = createContext<number | null>(null);

/**
 * Follows the workspace's data version over server-sent events (one stream per page,
 * however many views are embedded). EventSource reconnects by itself, and the server
 * sends the current version on every connect, so nothing missed while offline is lost.
 */
export function DataVersionProvider({ workspace, children }: { workspace: string; children: ReactNode }) {
  const [version, setVersion] = useState<number | null>(null);
  useEffect(() => {
    const source = new EventSource(`/api/v1/workspaces/${encodeURIComponent(workspace)}/events`);
    const onVersion = (event: MessageEvent<string>) => {
      const { version } = JSON.parse(event.data) as { version: number | null };
      setVersion(version);
    };
    source.addEventListener("data.version", onVersion);
    return () => source.close();
  }, [workspace]);
  return <DataVersionContext.Provider value={version}>{children}</DataVersionContext.Provider>;
}

export const useDataVersion = () => useContext(DataVersionContext);
