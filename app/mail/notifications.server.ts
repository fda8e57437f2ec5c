import type { ThreadTarget } from "../domain/app-events";
import type { Locale } from "../i18n/locales";
import { translate } from "../i18n/translate";
import {
  escapeHtml as esc,
  mailButton as button,
  mailDocument,
  mailSignature,
  type RenderedMail,
} from "./layout.server";

/** Where a notification mail's footer links: the one-click unsubscribe link and the account's settings. */
export type MailFooterLinks = { unsubscribeUrl: string; settingsUrl: string; mode: "immediate" | "daily" };

/** One line of a notification or digest: what happened, where, an optional quote, and its link. */
type Item = { text: string; where?: string; quote?: string | null; url: string; label?: string };

type Body = {
  subject: string;
  greeting: string;
  intro?: string;
  items: Item[];
  action?: { label: string; url: string };
};

/** A thread's target in words, as the in-app inbox names it. */
export function targetWords(locale: Locale, target: ThreadTarget, title: string | null): string {
  if (target.kind === "plan") return translate(locale, "mail.notify.onPlan", { title: title ?? "" });
  if (target.kind === "view") return translate(locale, "mail.notify.onView", { title: title ?? "" });
  return translate(locale, "mail.notify.onDiagnostic");
}

/** A mention or a reply, mailed as it happens. `excerpt` is what the inbox shows of the comment. */
export function commentNotificationMail(
  locale: Locale,
  input: {
    kind: "mention" | "reply";
    recipientName: string;
    authorName: string | null;
    workspaceName: string;
    target: string;
    excerpt: string | null;
    url: string;
    districtName: string | null;
    footer: MailFooterLinks;
  },
): RenderedMail {
  const name = input.authorName ?? translate(locale, "inbox.someone");
  const vars = { name, workspace: input.workspaceName, target: input.target };
  return render(
    locale,
    {
      subject: translate(locale, `mail.notify.${input.kind}.subject`, vars),
      greeting: translate(locale, "mail.greeting", { name: input.recipientName }),
      items: [
        {
          text: translate(locale, `mail.notify.${input.kind}.body`, vars),
          quote: input.excerpt,
          url: input.url,
          label: translate(locale, "mail.notify.openThread"),
        },
      ],
    },
    input.districtName,
    input.footer,
  );
}

/** A vote that opened in one of the recipient's workspaces, which they may take part in. */
export function pollOpeningMail(
  locale: Locale,
  input: {
    recipientName: string;
    title: string;
    workspaceName: string;
    url: string;
    districtName: string | null;
    footer: MailFooterLinks;
  },
): RenderedMail {
  const vars = { title: input.title, workspace: input.workspaceName };
  return render(
    locale,
    {
      subject: translate(locale, "mail.poll.subject", vars),
      greeting: translate(locale, "mail.greeting", { name: input.recipientName }),
      items: [
        {
          text: translate(locale, "mail.poll.body", vars),
          url: input.url,
          label: translate(locale, "mail.poll.action"),
        },
      ],
    },
    input.districtName,
    input.footer,
  );
}

export type DigestEntry =
  | {
      kind: "mention" | "reply";
      authorName: string | null;
      target: string;
      workspaceName: string;
      excerpt: string | null;
      url: string;
    }
  | { kind: "poll"; title: string; workspaceName: string; url: string };

/** The daily digest: every entry since the last one, with a link to the inbox. */
export function digestMail(
  locale: Locale,
  input: {
    recipientName: string;
    entries: DigestEntry[];
    inboxUrl: string;
    districtName: string | null;
    footer: MailFooterLinks;
  },
): RenderedMail {
  const product = translate(locale, "app.name");
  const items = input.entries.map((e): Item => {
    if (e.kind === "poll") {
      return {
        text: translate(locale, "mail.digest.poll", { title: e.title, workspace: e.workspaceName }),
        url: e.url,
      };
    }
    return {
      text: translate(locale, `inbox.kind.${e.kind}`, { name: e.authorName ?? translate(locale, "inbox.someone") }),
      where: translate(locale, "mail.digest.where", { target: e.target, workspace: e.workspaceName }),
      quote: e.excerpt,
      url: e.url,
    };
  });
  return render(
    locale,
    {
      subject: translate(locale, "mail.digest.subject", { product }),
      greeting: translate(locale, "mail.greeting", { name: input.recipientName }),
      intro: translate(locale, "mail.digest.intro"),
      items,
      action: { label: translate(locale, "mail.digest.action"), url: input.inboxUrl },
    },
    input.districtName,
    input.footer,
  );
}

/**
 * RFC 2369 / RFC 8058 headers: a mail client may offer "Unsubscribe" and POST
 * `List-Unsubscribe=One-Click` to the link itself, without cookies.
 */
export function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return {
    "List-Unsubscribe": `<${unsubscribeUrl}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

// The same shape as the password reset mail (app/mail/layout.server.ts), with a list of items
// and a footer that says why the message came and how to stop it.
function render(locale: Locale, body: Body, districtName: string | null, footer: MailFooterLinks): RenderedMail {
  const { signature, automatic } = mailSignature(locale, districtName);
  const why = translate(locale, footer.mode === "daily" ? "mail.footer.daily" : "mail.footer.immediate");
  const unsubscribe = translate(locale, "mail.footer.unsubscribe");
  const settings = translate(locale, "mail.footer.settings");

  const textItems = body.items.map((item) =>
    [
      body.items.length > 1 ? `* ${item.text}` : item.text,
      ...(item.where ? [item.where] : []),
      ...(item.quote ? [`> ${item.quote}`] : []),
      item.label ? `${item.label}:\n${item.url}` : item.url,
    ].join("\n"),
  );
  const text = [
    body.greeting,
    ...(body.intro ? [body.intro] : []),
    ...textItems,
    ...(body.action ? [`${body.action.label}:\n${body.action.url}`] : []),
    `-- \n${signature}\n${automatic}\n${why}\n${unsubscribe}: ${footer.unsubscribeUrl}\n${settings}: ${footer.settingsUrl}`,
  ].join("\n\n");

  const quote = (q: string | null | undefined) =>
    q
      ? `<blockquote style="margin: 0.5rem 0; padding-left: 0.75rem; border-left: 3px solid #cccccc;">${esc(q)}</blockquote>`
      : "";
  const htmlItems =
    body.items.length > 1
      ? `<ul>\n${body.items
          .map(
            (i) =>
              `<li style="margin-bottom: 0.75rem;"><a href="${esc(i.url)}">${esc(i.text)}</a>${i.where ? `<br><span style="color: #555555;">${esc(i.where)}</span>` : ""}${quote(i.quote)}</li>`,
          )
          .join("\n")}\n</ul>`
      : body.items
          .map(
            (i) =>
              `<p>${esc(i.text)}</p>${i.where ? `<p style="color: #555555;">${esc(i.where)}</p>` : ""}${quote(i.quote)}${
                i.label ? button(i.label, i.url) : `<p><a href="${esc(i.url)}">${esc(i.url)}</a></p>`
              }`,
          )
          .join("\n");
  const html = mailDocument(
    locale,
    body.subject,
    `<p>${esc(body.greeting)}</p>
${body.intro ? `<p>${esc(body.intro)}</p>` : ""}
${htmlItems}
${body.action ? button(body.action.label, body.action.url) : ""}
<hr><p style="font-size: 0.875rem; color: #555555;">${esc(signature)}<br>${esc(automatic)}<br>${esc(why)}<br>
<a href="${esc(footer.unsubscribeUrl)}">${esc(unsubscribe)}</a> · <a href="${esc(footer.settingsUrl)}">${esc(settings)}</a></p>`,
  );
  return { subject: body.subject, text, html };
}
