import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { MAIL_SETTINGS_SAVED } from "../features/account/notification-settings";
import { pageRefusal, readForm } from "../utils/forms.server";
import { requireUser } from "../utils/guards.server";
import { mailNotificationsSchema } from "../domain/validation";
import { setMailNotifications } from "../models/notification-mail.server";

/** The Account page's "E-mail notifications" form: saves the choice and goes back to the section. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireUser(request, context);
  const { values } = await readForm(request);
  const parsed = mailNotificationsSchema.safeParse(values.mailNotifications);
  if (!parsed.success) throw pageRefusal(request, 400, "Choose immediately, a daily digest or never.");
  await setMailNotifications(context.db, user.id, parsed.data);
  return redirect(`/account?saved=${MAIL_SETTINGS_SAVED}#mail-notifications`, 303);
}

export const loader = () => redirect("/account#mail-notifications");
