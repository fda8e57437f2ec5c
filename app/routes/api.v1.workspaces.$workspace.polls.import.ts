import { json, type ActionFunctionArgs } from "@remix-run/node";
import { createImportedPoll } from "../models/polls.server";
import { apiError, methodNotAllowed } from "../utils/api.server";
import { apiAuthorize } from "../utils/authorize.server";
import { importRejected, readPollImport } from "../utils/polls-api.server";
import { isRefusal } from "../utils/upload.server";

export const loader = () => methodNotAllowed(["POST"]);

/** A Pabulib (.pb) file (multipart `file`) becomes a closed poll with its ballots: all or nothing. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  // Who may import is settled before a byte of the file is read.
  const { auth, workspace } = await apiAuthorize(
    request,
    context,
    { kind: "workspace", slug: params.workspace ?? "" },
    "create_poll",
  );
  const read = await readPollImport(request);
  if (isRefusal(read)) return apiError(read.status, read.code, read.message);
  if (!read.ok) return importRejected(read);
  const poll = await createImportedPoll(context.db, {
    ...read.poll,
    workspaceId: workspace.id,
    createdBy: auth.user.id,
  });
  return json({ id: poll.id, options: poll.options.length, ballots: read.poll.ballots.length }, { status: 201 });
}
