import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { invalidateSession } from "../models/sessions.server";
import { clearedSessionCookie, getAuth } from "../utils/session.server";

export async function loader() {
  // Signing out changes state, so it only happens by POST (a link cannot sign someone out).
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await getAuth(request, context);
  if (auth?.session) await invalidateSession(context.db, auth.session.id);
  return redirect("/", { headers: { "Set-Cookie": clearedSessionCookie(request, context) } });
}
