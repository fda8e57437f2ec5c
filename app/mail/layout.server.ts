import { escapeHtml } from "../domain/plan-export";
import type { Locale } from "../i18n/locales";
import { translate } from "../i18n/translate";

export type MailBody = {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action: { label: string; url: string };
  /** A last line in smaller print, e.g. what to do if the message was not expected. */
  note?: string;
};

export type RenderedMail = { subject: string; text: string; html: string };

/**
 * Plain text plus a simple HTML twin of the same words, signed with the product's name and,
 * when known, the district's. No images or remote styles: many district mail clients block them.
 */
export function renderMail(locale: Locale, body: MailBody, districtName: string | null): RenderedMail {
  const { signature, automatic } = mailSignature(locale, districtName);
  const text = [
    body.greeting,
    ...body.paragraphs,
    `${body.action.label}:\n${body.action.url}`,
    ...(body.note ? [body.note] : []),
    `-- \n${signature}\n${automatic}`,
  ].join("\n\n");
  const html = mailDocument(
    locale,
    body.subject,
    `<p>${escapeHtml(body.greeting)}</p>
${body.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
${mailButton(body.action.label, body.action.url)}
<p style="font-size: 0.875rem;">${escapeHtml(body.action.url)}</p>
${body.note ? `<p style="font-size: 0.875rem; color: #555555;">${escapeHtml(body.note)}</p>` : ""}
<hr><p style="font-size: 0.875rem; color: #555555;">${escapeHtml(signature)}<br>${escapeHtml(automatic)}</p>`,
  );
  return { subject: body.subject, text, html };
}

/** Who a message is from (the product, and the district when known) and that it was sent automatically. */
export function mailSignature(locale: Locale, districtName: string | null) {
  const product = translate(locale, "app.name");
  return {
    signature: districtName ? translate(locale, "mail.signature", { product, district: districtName }) : product,
    automatic: translate(locale, "mail.automatic"),
  };
}

/** Every message's HTML page: its language, its subject as title, and `inner` (already escaped). */
export function mailDocument(locale: Locale, subject: string, inner: string): string {
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 36rem;">
${inner}
</body></html>
`;
}

/** A link drawn as a button with inline styles, the only kind mail clients keep. */
export function mailButton(label: string, url: string): string {
  return `<p><a href="${escapeHtml(url)}" style="display: inline-block; padding: 0.5rem 1rem; background: #0b5cad; color: #ffffff; text-decoration: none; border-radius: 4px;">${escapeHtml(label)}</a></p>`;
}

export { escapeHtml };
