/** The comment-thread API as the plan page's panel uses it (docs/api.md, "Comment threads"). */

export type CommentJson = {
  id: string;
  author: { id: string; name: string } | null;
  body: string | null;
  createdAt: string;
  editedAt: string | null;
  state: "visible" | "deleted" | "hidden";
};

export type PlanThread = {
  id: string;
  resolved: boolean;
  resolvedAt: string | null;
  createdAt: string;
  anchor: { quote: string; status: "attached" | "removed"; from?: number; to?: number; start: string; end: string };
  comments: CommentJson[];
};

export type Member = { userId: string; name: string };

/** Why a request failed, as the panel words it. */
export type Failure = "rate_limited" | "anchor_not_found" | "conflict" | "forbidden" | "failed";

export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

async function call<T>(url: string, method: string, body?: unknown): Promise<Result<T>> {
  try {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? null : JSON.stringify(body),
      credentials: "same-origin",
    });
    if (response.ok) return { ok: true, value: (await response.json()) as T };
    const error = ((await response.json().catch(() => null)) as { error?: { code?: string } } | null)?.error?.code;
    const failure: Failure =
      response.status === 429
        ? "rate_limited"
        : error === "anchor_not_found"
          ? "anchor_not_found"
          : response.status === 409
            ? "conflict"
            : response.status === 403
              ? "forbidden"
              : "failed";
    return { ok: false, failure };
  } catch {
    return { ok: false, failure: "failed" };
  }
}

export const threadsApi = {
  list: (planId: string) =>
    call<{ threads: PlanThread[] }>(`/api/v1/plans/${encodeURIComponent(planId)}/threads`, "GET"),
  start: (planId: string, input: { body: string; quote: string; occurrence: number; mentions: string[] }) =>
    call<PlanThread>(`/api/v1/plans/${encodeURIComponent(planId)}/threads`, "POST", {
      body: input.body,
      anchor: { quote: input.quote, occurrence: input.occurrence },
      mentions: input.mentions,
    }),
  reply: (threadId: string, body: string, mentions: string[]) =>
    call<CommentJson>(`/api/v1/threads/${encodeURIComponent(threadId)}/comments`, "POST", { body, mentions }),
  setResolved: (threadId: string, resolved: boolean) =>
    call<PlanThread>(`/api/v1/threads/${encodeURIComponent(threadId)}`, "PATCH", { resolved }),
  edit: (commentId: string, body: string) =>
    call<CommentJson>(`/api/v1/comments/${encodeURIComponent(commentId)}`, "PATCH", { body }),
  remove: (commentId: string, reason?: string) =>
    call<CommentJson>(`/api/v1/comments/${encodeURIComponent(commentId)}`, "DELETE", reason ? { reason } : undefined),
  members: (workspace: string) =>
    call<{ members: Member[] }>(`/api/v1/workspaces/${encodeURIComponent(workspace)}/members`, "GET"),
};
