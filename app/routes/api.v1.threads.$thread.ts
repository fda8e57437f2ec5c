import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { threadPatchSchema } from "../domain/validation";
import { getThread, setThreadResolved } from "../models/comments.server";
import { methodNotAllowed, readJson } from "../utils/api.server";
import { apiAuthorize } from "../utils/authorize.server";
import { readerOf, threadJson } from "../utils/threads-api.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const access = await apiAuthorize(request, context, { kind: "thread", id: params.thread ?? "" }, "read");
  return json(await threadJson(context, (await getThread(context.db, access.thread!.id))!, readerOf(access)));
}

/** `{ "resolved": true }` resolves an open thread, `false` reopens a resolved one. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "PATCH") return methodNotAllowed(["GET", "PATCH"]);
  const ref = { kind: "thread", id: params.thread ?? "" } as const;
  // Who may see it at all first (404 before anything about the body).
  await apiAuthorize(request, context, ref, "read");
  const { resolved } = await readJson(request, threadPatchSchema);
  const access = await apiAuthorize(request, context, ref, resolved ? "resolve" : "reopen");
  const { thread, auth } = access;
  await setThreadResolved(context.db, thread!, { userId: auth.user.id, resolved });
  return json(await threadJson(context, (await getThread(context.db, thread!.id))!, readerOf(access)));
}
