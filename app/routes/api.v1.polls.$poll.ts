import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { pollPatchSchema, pollProblems } from "../domain/poll-validation";
import { pollStateAt } from "../domain/polls";
import { movePoll, pollOptionsOf, updateDraft } from "../models/polls.server";
import { apiError, methodNotAllowed, readJson } from "../utils/api.server";
import { translateMessages } from "../utils/api-messages.server";
import { apiAuthorize } from "../utils/authorize.server";
import { pollJson, referenceProblems } from "../utils/polls-api.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { poll, workspace } = await apiAuthorize(request, context, { kind: "poll", id: params.poll ?? "" }, "read");
  // Its workspace, for links to it from plans of the district's other workspaces.
  return json({ ...pollJson(poll!, await pollOptionsOf(context.db, poll!.id)), workspace: workspace.slug });
}

const moves = { open: "open", closed: "close", published: "publish" } as const;

/** A draft's fields, or `{ "state": … }` to move the poll on. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "PATCH") return methodNotAllowed(["GET", "PATCH"]);
  const ref = { kind: "poll", id: params.poll ?? "" } as const;
  // Who may see the poll at all is settled before its body is read.
  const { poll: seen, workspace } = await apiAuthorize(request, context, ref, "read");
  const body = await readJson(request, pollPatchSchema);
  const { state, ...fields } = body;
  if (state !== undefined) {
    if (Object.keys(fields).length)
      return apiError(400, "bad_request", "Change a poll's state on its own, without other fields.");
    if (state === "draft") return apiError(409, "conflict", "A poll cannot go back to draft.");
    await apiAuthorize(request, context, ref, moves[state], {
      conflict: `The poll is ${pollStateAt(seen!, new Date())}: it moves one step at a time (draft, open, closed, published).`,
    });
    const moved = await movePoll(context.db, seen!.id, state);
    if (!moved.ok) return apiError(409, "conflict", "The poll has moved on since; read it again.");
    return json({ ...pollJson(moved.poll, await pollOptionsOf(context.db, seen!.id)), workspace: workspace.slug });
  }
  const { poll, district } = await apiAuthorize(request, context, ref, "edit", {
    conflict: "Only a draft poll can be changed; this one has opened.",
  });
  const merged = {
    ballot: fields.ballot ?? poll!.ballot,
    options: fields.options ?? [],
    opensAt: fields.opensAt === undefined ? poll!.opensAt : fields.opensAt,
    closesAt: fields.closesAt === undefined ? poll!.closesAt : fields.closesAt,
  };
  const problems = {
    ...pollProblems(merged),
    ...(fields.options ? await referenceProblems(context, merged, poll!.workspaceId, district.id) : {}),
  };
  if (Object.keys(problems).length)
    return apiError(422, "validation_failed", "Some fields are not valid.", { fields: translateMessages(problems) });
  const changed = await updateDraft(context.db, poll!.id, fields);
  if (!changed.ok) return apiError(409, "conflict", "Only a draft poll can be changed; this one has opened.");
  return json({ ...pollJson(changed.poll, await pollOptionsOf(context.db, poll!.id)), workspace: workspace.slug });
}
