import type { Locale } from "../../i18n/locales";
import { numberFormatter } from "../../i18n/numbers";
import { translate, type Vars } from "../../i18n/translate";
import type { Issue, IssueCode, IssueParams } from "./types";

/**
 * An issue's message in a language: its catalog entry filled with its params. Counts and limits
 * are written for the reader (i18n/numbers.ts: "1,000" in both languages); line numbers stay plain, as in the Line column.
 */
export function issueMessage(locale: Locale, issue: Pick<Issue, "code" | "params">): string {
  const vars: Vars = {};
  const count = numberFormatter(locale, 3);
  for (const [name, value] of Object.entries(issue.params)) {
    vars[name] = typeof value === "number" && !/line$/i.test(name) ? count(value) : value;
  }
  return translate(locale, issue.code, vars);
}

/** An issue with its English message (the API's and the logs' language). */
export function makeIssue(
  file: Issue["file"],
  line: number | null,
  column: string | null,
  code: IssueCode,
  params: IssueParams = {},
): Issue {
  return { file, line, column, code, params, message: issueMessage("en", { code, params }) };
}
