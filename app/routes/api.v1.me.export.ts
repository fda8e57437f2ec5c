import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAccountData } from "../models/account-export.server";
import { apiRequireUser, methodNotAllowed, notFoundError } from "../utils/api.server";
import { attachmentDisposition } from "../utils/content-disposition";

/** The signed-in person's own data as a JSON file (docs/api.md); the Account page links here. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await apiRequireUser(request, context);
  const data = await exportAccountData(context.db, user.id);
  if (!data) throw notFoundError();
  const day = data.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": attachmentDisposition(`equity-workspaces-my-data-${day}.json`),
      // Personal data: no shared cache keeps a copy.
      "Cache-Control": "private, no-store",
    },
  });
}

export const action = () => methodNotAllowed(["GET"]);
