import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { dataViewSchema } from "../domain/validation";
import { createDataView, listDataViews } from "../models/data-views.server";
import { apiError, apiRequireWorkspace, methodNotAllowed, readJson } from "../utils/api.server";
import { translateMessages } from "../utils/api-messages.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace } = await apiRequireWorkspace(request, context, params.workspace, "read");
  const views = await listDataViews(context.db, workspace.id);
  return json({
    views: views.map((v) => ({
      id: v.id,
      title: v.title,
      caption: v.caption,
      spec: v.spec,
      dataVersion: v.dataVersion,
    })),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const { auth, workspace, district } = await apiRequireWorkspace(request, context, params.workspace, "create_view");
  const body = await readJson(request, dataViewSchema);
  const created = await createDataView(context.db, {
    workspaceId: workspace.id,
    districtId: district.id,
    title: body.title,
    caption: body.caption ?? null,
    spec: body.spec,
    dataVersion: body.dataVersion ?? null,
    createdBy: auth.user.id,
  });
  if (!created.ok) {
    return apiError(422, "validation_failed", "Some fields are not valid.", {
      fields: translateMessages(created.fields),
    });
  }
  return json({ id: created.view.id, title: created.view.title }, { status: 201 });
}
