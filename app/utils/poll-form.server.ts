import { FIRST_ROWS, MAX_ROWS } from "../features/polls/option-rows";
import type { MessageKey } from "../i18n/translate";

const trimmed = (form: FormData, name: string) => String(form.get(name) ?? "").trim();
const whole = (text: string) => (text === "" ? undefined : /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN);

/**
 * A date and time from the form: the ISO instant the page's script put beside the field
 * (the writer's own time zone), else the field's wall time read as UTC (no JavaScript;
 * the hint says so). Empty is no time.
 */
function instant(form: FormData, name: string): string | null {
  const iso = trimmed(form, `${name}Iso`);
  if (iso) return iso;
  const local = trimmed(form, name);
  if (!local) return null;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)
    ? `${local.length === 16 ? `${local}:00` : local}Z`
    : local;
}

/**
 * The "New vote" form as the API's body (docs/api.md, POST …/polls), to be checked by the
 * same schema: fields as typed, option rows left blank dropped, numbers kept as numbers
 * (a number field that is not one stays NaN, which the schema refuses with its message).
 */
export function pollBodyFromForm(form: FormData, rows: number): { body: Record<string, unknown>; rowOf: number[] } {
  const type = trimmed(form, "ballotType");
  const share = trimmed(form, "minSpendPercent");
  const ballot =
    type === "approval"
      ? { type, minOptions: whole(trimmed(form, "minOptions")), maxOptions: whole(trimmed(form, "maxOptions")) }
      : type === "points"
        ? { type, points: whole(trimmed(form, "points")), maxPerOption: whole(trimmed(form, "maxPerOption")) }
        : type === "ranked"
          ? { type, maxRanked: whole(trimmed(form, "maxRanked")) }
          : {
              type,
              minOptions: whole(trimmed(form, "minOptions")),
              maxOptions: whole(trimmed(form, "maxOptions")),
              minSpendShare: share === "" ? undefined : Number(share) / 100,
            };
  const options: Record<string, unknown>[] = [];
  // The form row each option came from, so a problem is shown beside the row it is about.
  const rowOf: number[] = [];
  for (let i = 0; i < rows; i++) {
    const title = trimmed(form, `options.${i}.title`);
    const cost = trimmed(form, `options.${i}.cost`);
    const description = trimmed(form, `options.${i}.description`);
    if (!title && !cost && !description) continue;
    const dimension = trimmed(form, `options.${i}.dimension`);
    rowOf.push(i);
    options.push({
      title,
      cost,
      description,
      ...(dimension ? { dimension } : {}),
      schools: form.getAll(`options.${i}.schools`).map(String),
    });
  }
  const groups = form.getAll("eligibleGroups").map(String);
  const body = {
    title: trimmed(form, "title"),
    description: trimmed(form, "description"),
    budget: trimmed(form, "budget"),
    ballot,
    options,
    eligibleGroups: groups.length ? groups : null,
    opensAt: instant(form, "opensAt"),
    closesAt: instant(form, "closesAt"),
    results: trimmed(form, "results") || "after_publication",
  };
  return { body, rowOf };
}

/** The rows to show: what the form last had, one more set when asked, within the limit. */
export function rowsFrom(form: FormData): number {
  const now = Number(form.get("rows"));
  const rows = Number.isInteger(now) && now >= FIRST_ROWS ? Math.min(now, MAX_ROWS) : FIRST_ROWS;
  return form.get("intent") === "moreRows" ? Math.min(rows + FIRST_ROWS, MAX_ROWS) : rows;
}

/**
 * Problems by the form's field names ("options.2.cost" for the form's third row, however
 * many blank rows came before it), first problem per field.
 */
export function problemsByField(problems: Record<string, string>, rowOf: readonly number[]) {
  const byField: Record<string, MessageKey> = {};
  for (const [path, message] of Object.entries(problems)) {
    const field = path.replace(/^options\.(\d+)/, (_, k: string) => `options.${rowOf[Number(k)] ?? k}`) || "form";
    byField[field] ??= message as MessageKey;
  }
  return byField;
}

/** A schema's issues as problems by path. */
export function issuesAsProblems(issues: readonly { path: PropertyKey[]; message: string }[]) {
  const problems: Record<string, string> = {};
  for (const issue of issues) problems[issue.path.map(String).join(".")] ??= issue.message;
  return problems;
}
