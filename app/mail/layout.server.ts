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
  const product = translate(locale, "app.name");
  const signature = districtName ? translate(locale, "mail.signature", { product, district: districtName }) : product;
  const automatic = translate(locale, "mail.automatic");
  const text = [
    body.greeting,
    ...body.paragraphs,
    `${body.action.label}:\n${body.action.url}`,
    ...(body.note ? [body.note] : []),
    `-- \n${signature}\n${automatic}`,
  ].join("\n\n");
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(body.subject)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 36rem;">
<p>${escapeHtml(body.greeting)}</p>
${body.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
<p><a href="${escapeHtml(body.action.url)}" style="display: inline-block; padding: 0.5rem 1rem; background: #0b5cad; color: #ffffff; text-decoration: none; border-radius: 4px;">${escapeHtml(body.action.label)}</a></p>
<p style="font-size: 0.875rem;">${escapeHtml(body.action.url)}</p>
${body.note ? `<p style="font-size: 0.875rem; color: #555555;">${escapeHtml(body.note)}</p>` : ""}
<hr><p style="font-size: 0.875rem; color: #555555;">${escapeHtml(signature)}<br>${escapeHtml(automatic)}</p>
</body></html>
`;
  return { subject: body.subject, text, html };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
