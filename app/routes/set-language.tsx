import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { localeCookie } from "../i18n/locale.server";
import { isLocale } from "../i18n/locales";
import { setUserLocale } from "../models/users.server";
import { readForm } from "../utils/forms.server";
import { safeRedirect } from "../utils/safe-redirect";
import { getAuth } from "../utils/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { values } = await readForm(request);
  const back = safeRedirect(values.redirectTo, "/");
  if (!isLocale(values.lang)) return redirect(back);
  // Signed in, the choice is the account's too: its mail follows it, and so do devices where no language was picked.
  const auth = await getAuth(request, context);
  if (auth && auth.user.locale !== values.lang) await setUserLocale(context.db, auth.user.id, values.lang);
  return redirect(back, { headers: { "Set-Cookie": localeCookie(values.lang) } });
}
