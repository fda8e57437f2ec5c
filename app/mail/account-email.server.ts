import type { Locale } from "../i18n/locales";
import { translate } from "../i18n/translate";
import { renderMail, type RenderedMail } from "./layout.server";

type Common = { name: string; districtName: string | null };

/** The link that confirms the address given at sign-up; `url` carries the token and goes nowhere but this message. */
export function emailVerificationMail(locale: Locale, input: Common & { url: string }): RenderedMail {
  const product = translate(locale, "app.name");
  return renderMail(
    locale,
    {
      subject: translate(locale, "mail.verify.subject", { product }),
      greeting: translate(locale, "mail.greeting", { name: input.name }),
      paragraphs: [translate(locale, "mail.verify.body", { product })],
      action: { label: translate(locale, "mail.verify.action"), url: input.url },
      note: translate(locale, "mail.verify.ignore", { product }),
    },
    input.districtName,
  );
}

/** To the new address: the link that moves the account there. */
export function emailChangeConfirmMail(
  locale: Locale,
  input: Common & { url: string; newEmail: string },
): RenderedMail {
  const product = translate(locale, "app.name");
  return renderMail(
    locale,
    {
      subject: translate(locale, "mail.change.subject", { product }),
      greeting: translate(locale, "mail.greeting", { name: input.name }),
      paragraphs: [translate(locale, "mail.change.body", { product, email: input.newEmail })],
      action: { label: translate(locale, "mail.change.action"), url: input.url },
      note: translate(locale, "mail.change.ignore"),
    },
    input.districtName,
  );
}

/** To the old address: a change was asked for, and what to do if it was not the owner. */
export function emailChangeNoticeMail(
  locale: Locale,
  input: Common & { newEmail: string; resetUrl: string },
): RenderedMail {
  const product = translate(locale, "app.name");
  return renderMail(
    locale,
    {
      subject: translate(locale, "mail.changeNotice.subject", { product }),
      greeting: translate(locale, "mail.greeting", { name: input.name }),
      paragraphs: [
        translate(locale, "mail.changeNotice.body", { product, email: input.newEmail }),
        translate(locale, "mail.changeNotice.notYou"),
      ],
      action: { label: translate(locale, "mail.changeNotice.action"), url: input.resetUrl },
    },
    input.districtName,
  );
}

/**
 * To an address that already has an account, when someone asked to move another account to it.
 * The person asking is told nothing different (no enumeration); the owner of the address is told here.
 */
export function emailTakenMail(locale: Locale, input: Common & { signInUrl: string; resetUrl: string }): RenderedMail {
  const product = translate(locale, "app.name");
  return renderMail(
    locale,
    {
      subject: translate(locale, "mail.taken.subject", { product }),
      greeting: translate(locale, "mail.greeting", { name: input.name }),
      paragraphs: [translate(locale, "mail.taken.body", { product }), translate(locale, "mail.taken.safe")],
      action: { label: translate(locale, "mail.taken.action"), url: input.signInUrl },
      note: translate(locale, "mail.taken.forgot", { url: input.resetUrl }),
    },
    input.districtName,
  );
}
