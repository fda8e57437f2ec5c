import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { can } from "../domain/permissions";
import { getDataViewAccess, renderDataView } from "../models/data-views.server";
import { apiRequireUser, methodNotAllowed, notFoundError } from "../utils/api.server";

/** A saved view, computed for the caller: what the plan editor's embedded views show. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = await apiRequireUser(request, context);
  const access = await getDataViewAccess(context.db, params.view ?? "", user.id);
  if (!access || !can(access.role, "read")) throw notFoundError();
  const rendered = await renderDataView(context.db, {
    view: access.view,
    districtId: access.districtId,
    readerGroup: access.stakeholderGroup,
  });
  return json(
    {
      id: access.view.id,
      title: access.view.title,
      caption: access.view.caption,
      workspace: access.workspaceSlug,
      pinnedVersion: access.view.dataVersion,
      version: rendered?.version ?? null,
      view: rendered?.view ?? null,
    },
    // Computed per reader: never shared by caches.
    { headers: { "Cache-Control": "private, no-store" } }
  );
}

export const action = () => methodNotAllowed(["GET"]);
