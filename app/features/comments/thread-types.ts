/** A comment as the API sends it (docs/api.md, "Comment threads"). */
export type CommentJson = {
  id: string;
  author: { id: string; name: string | null } | null;
  body: string | null;
  createdAt: string;
  editedAt: string | null;
  state: "visible" | "deleted" | "hidden";
};

/** A thread as the API sends it; `anchor` depends on what it is on (a plan passage, a chart). */
export type ThreadJson<Anchor = unknown> = {
  id: string;
  target: { kind: "plan" | "view" | "diagnostic"; id: string };
  anchor: Anchor;
  resolved: boolean;
  resolvedAt: string | null;
  createdAt: string;
  comments: CommentJson[];
};

/** Sends JSON to the API as the signed-in browser; throws on anything but a 2xx answer. */
export async function sendJson(method: "POST" | "PATCH", url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status}`);
  return res.json();
}
