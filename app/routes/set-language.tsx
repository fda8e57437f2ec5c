import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { localeCookie } from "../i18n/locale.server";
import { isLocale } from "../i18n/locales";
import { readForm } from "../utils/forms.server";
import { safeRedirect } from "../utils/safe-redirect";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const { values } = await readForm(request);
  const back = safeRedirect(values.redirectTo, "/");
  if (!isLocale(values.lang)) return redirect(back);
  return redirect(back, { headers: { "Set-Cookie": localeCookie(values.lang) } });
}
