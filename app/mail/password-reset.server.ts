import type { Locale } from "../i18n/locales";
import { translate } from "../i18n/translate";
import { renderMail, type RenderedMail } from "./layout.server";

/** The message with a password reset link; `url` carries the token and goes nowhere but this message. */
export function passwordResetMail(
  locale: Locale,
  input: { name: string; url: string; districtName: string | null },
): RenderedMail {
  const product = translate(locale, "app.name");
  return renderMail(
    locale,
    {
      subject: translate(locale, "mail.reset.subject", { product }),
      greeting: translate(locale, "mail.greeting", { name: input.name }),
      paragraphs: [translate(locale, "mail.reset.body", { product })],
      action: { label: translate(locale, "mail.reset.action"), url: input.url },
      note: translate(locale, "mail.reset.ignore"),
    },
    input.districtName,
  );
}
