import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { renderDataView } from "../models/data-views.server";
import { methodNotAllowed } from "../utils/api.server";
import { apiAuthorize } from "../utils/authorize.server";

/** A saved view, computed for the caller: what the plan editor's embedded views show. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const access = await apiAuthorize(request, context, { kind: "view", id: params.view ?? "" }, "read");
  const view = access.view!;
  const rendered = await renderDataView(context.db, {
    view,
    districtId: access.district.id,
    readerGroup: access.membership.stakeholderGroup,
  });
  return json(
    {
      id: view.id,
      title: view.title,
      caption: view.caption,
      workspace: access.workspace.slug,
      pinnedVersion: view.dataVersion,
      version: rendered?.version ?? null,
      view: rendered?.view ?? null,
    },
    // Computed per reader: never shared by caches.
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export const action = () => methodNotAllowed(["GET"]);
