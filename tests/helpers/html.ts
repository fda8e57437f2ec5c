/**
 * A page's HTML without its scripts: what the reader is shown. Every page carries the reader's
 * whole dictionary as data in a script (decision 014), so a check that a page does not *say*
 * something must look at the markup, not at the data.
 */
export function shownMarkup(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
}
