import type { StakeholderGroup, WorkspaceRole } from "../domain/roles";
import type { Locale } from "../i18n/locales";
import { translate } from "../i18n/translate";
import { formatDate } from "../utils/format";
import { renderMail, type RenderedMail } from "./layout.server";

/** The message carrying one person's invitation; `url` holds its token and goes nowhere but this message. */
export function invitationMail(
  locale: Locale,
  input: {
    email: string;
    url: string;
    inviter: string;
    workspace: string;
    district: string;
    role: WorkspaceRole;
    stakeholderGroup: StakeholderGroup;
    expiresAt: Date;
  },
): RenderedMail {
  const product = translate(locale, "app.name");
  const names = { inviter: input.inviter, workspace: input.workspace };
  return renderMail(
    locale,
    {
      subject: translate(locale, "mail.invite.subject", names),
      greeting: translate(locale, "mail.greetingPlain"),
      paragraphs: [
        translate(locale, "mail.invite.body", {
          ...names,
          product,
          district: input.district,
          role: translate(locale, `role.${input.role}`),
          group: translate(locale, `group.${input.stakeholderGroup}`),
        }),
        translate(locale, "mail.invite.how", { email: input.email }),
      ],
      action: { label: translate(locale, "mail.invite.action"), url: input.url },
      note: translate(locale, "mail.invite.note", { date: formatDate(input.expiresAt.toISOString(), locale) }),
    },
    input.district,
  );
}
