import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { CheckboxGroup, Field, FormMessage } from "../components/ui/field";
import { useHydrated } from "../features/data-views/data-view-figure";
import { dimensions } from "../domain/plan-templates";
import { newPollSchema, pollProblems } from "../domain/poll-validation";
import { stakeholderGroups } from "../domain/roles";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";
import { createPoll } from "../models/polls.server";
import { readForm } from "../utils/forms.server";
import { requireWorkspace } from "../utils/guards.server";
import { pageTitle } from "../utils/meta";
import { issuesAsProblems, pollBodyFromForm, problemsByField, rowsFrom } from "../utils/poll-form.server";
import { FIRST_ROWS, MAX_ROWS } from "../features/polls/option-rows";
import { districtSchools, referenceProblems } from "../utils/polls-api.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "polls.new.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { district } = await requireWorkspace(request, context, params.workspace, "create_poll");
  return json({ schools: await districtSchools(context, district.id) });
}

/** The form as sent, so what was typed comes back with the problems or the extra rows. */
type Sent = Record<string, string[]>;
type ActionData = { rows: number; problems: Record<string, MessageKey>; sent: Sent };

function sentOf(form: FormData): Sent {
  // Field names are the sender's: no prototype, so "constructor" or "__proto__" are plain keys.
  const sent = Object.create(null) as Sent;
  for (const [key, value] of form) if (typeof value === "string") (sent[key] ??= []).push(value);
  return sent;
}

/**
 * Creates a draft vote from the form, checked by the same schema and rules as the API; the
 * editor then reads it over and opens it from its page. "More options" adds rows without
 * JavaScript (the form comes back with what was typed).
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { auth, workspace, district } = await requireWorkspace(request, context, params.workspace, "create_poll");
  const { form } = await readForm(request);
  const rows = rowsFrom(form);
  if (form.get("intent") === "moreRows") return json<ActionData>({ rows, problems: {}, sent: sentOf(form) });
  const { body, rowOf } = pollBodyFromForm(form, rows);
  const parsed = newPollSchema.safeParse(body);
  const problems = parsed.success
    ? { ...pollProblems(parsed.data), ...(await referenceProblems(context, parsed.data, workspace.id, district.id)) }
    : issuesAsProblems(parsed.error.issues);
  if (!parsed.success || Object.keys(problems).length) {
    return json<ActionData>({ rows, problems: problemsByField(problems, rowOf), sent: sentOf(form) }, { status: 422 });
  }
  const poll = await createPoll(context.db, { ...parsed.data, workspaceId: workspace.id, createdBy: auth.user.id });
  return redirect(`/workspaces/${workspace.slug}/polls/${poll.id}`);
}

const ballotTypes = ["budget", "approval", "points", "ranked"] as const;

export default function NewPoll() {
  const { schools } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const rows = result?.rows ?? FIRST_ROWS;
  const problems = result?.problems ?? {};
  const error = (field: string) => (problems[field] ? t(problems[field]) : null);
  const problemCount = Object.keys(problems).length;
  const sent = result?.sent ?? {};
  const value = (name: string) => sent[name]?.[0] ?? "";
  const values = (name: string) => sent[name] ?? [];
  const chosenType = (value("ballotType") || "budget") as (typeof ballotTypes)[number];
  const [picked, setType] = useState<(typeof ballotTypes)[number] | null>(null);
  // Without JavaScript every type's limits are shown (the chosen type's are read).
  const hydrated = useHydrated();
  const type = picked ?? chosenType;
  const shows = (...types: (typeof ballotTypes)[number][]) => !hydrated || types.includes(type);

  return (
    <section aria-labelledby="new-poll-heading" className="poll-new">
      <h2 id="new-poll-heading">{t("polls.new.title")}</h2>
      <p className="lead">{t("polls.new.intro")}</p>
      {problemCount ? <FormMessage>{t("polls.new.problems", { count: problemCount })}</FormMessage> : null}
      <Form method="post" className="stack" noValidate key={JSON.stringify(sent)}>
        <input type="hidden" name="rows" value={rows} />
        <Field
          label={t("polls.new.name")}
          name="title"
          required
          maxLength={200}
          defaultValue={value("title")}
          error={error("title")}
        />
        <div className="field">
          <label htmlFor="poll-description">{t("polls.new.description")}</label>
          <textarea
            id="poll-description"
            name="description"
            rows={3}
            maxLength={5000}
            defaultValue={value("description")}
          />
        </div>
        <Field
          label={t("polls.new.budget")}
          name="budget"
          inputMode="decimal"
          defaultValue={value("budget")}
          required
          hint={t("polls.new.amountHint")}
          error={error("budget")}
        />

        <fieldset className="poll-new__ballot">
          <legend>{t("polls.new.ballotType")}</legend>
          {ballotTypes.map((b) => (
            <label key={b} className="checkbox">
              <input
                type="radio"
                name="ballotType"
                value={b}
                defaultChecked={b === chosenType}
                onChange={() => setType(b)}
              />
              {t(`polls.new.type.${b}` as MessageKey)}
            </label>
          ))}
          {error("ballot.type") ? <p className="field__error">{error("ballot.type")}</p> : null}
          {/* With JavaScript only the chosen type's limits show; the server reads only those. */}
          <div className="poll-new__limits">
            {shows("budget", "approval") ? (
              <>
                <Field
                  label={t("polls.new.minOptions")}
                  name="minOptions"
                  defaultValue={value("minOptions")}
                  inputMode="numeric"
                  error={error("ballot.minOptions")}
                />
                <Field
                  label={t(type === "approval" ? "polls.new.maxOptionsRequired" : "polls.new.maxOptions")}
                  name="maxOptions"
                  defaultValue={value("maxOptions")}
                  inputMode="numeric"
                  error={error("ballot.maxOptions")}
                />
              </>
            ) : null}
            {shows("budget") ? (
              <Field
                label={t("polls.new.minSpend")}
                name="minSpendPercent"
                defaultValue={value("minSpendPercent")}
                inputMode="numeric"
                error={error("ballot.minSpendShare")}
              />
            ) : null}
            {shows("points") ? (
              <>
                <Field
                  label={t("polls.new.points")}
                  name="points"
                  defaultValue={value("points")}
                  inputMode="numeric"
                  error={error("ballot.points")}
                />
                <Field
                  label={t("polls.new.maxPerOption")}
                  name="maxPerOption"
                  defaultValue={value("maxPerOption")}
                  inputMode="numeric"
                  error={error("ballot.maxPerOption")}
                />
              </>
            ) : null}
            {shows("ranked") ? (
              <Field
                label={t("polls.new.maxRanked")}
                name="maxRanked"
                defaultValue={value("maxRanked")}
                inputMode="numeric"
                error={error("ballot.maxRanked")}
              />
            ) : null}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t("polls.new.options")}</legend>
          <p className="field__hint">{t("polls.new.optionsHint")}</p>
          {error("options") ? <p className="field__error">{error("options")}</p> : null}
          <ol className="poll-new__options">
            {Array.from({ length: rows }, (_, i) => (
              <li key={i} className="card poll-new__option">
                <Field
                  label={t("polls.new.optionTitle", { n: i + 1 })}
                  name={`options.${i}.title`}
                  maxLength={200}
                  defaultValue={value(`options.${i}.title`)}
                  error={error(`options.${i}.title`)}
                />
                <Field
                  label={t("polls.new.optionCost", { n: i + 1 })}
                  name={`options.${i}.cost`}
                  inputMode="decimal"
                  defaultValue={value(`options.${i}.cost`)}
                  error={error(`options.${i}.cost`)}
                />
                <div className="field">
                  <label htmlFor={`option-${i}-description`}>{t("polls.new.optionDescription", { n: i + 1 })}</label>
                  <textarea
                    id={`option-${i}-description`}
                    name={`options.${i}.description`}
                    rows={2}
                    defaultValue={value(`options.${i}.description`)}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`option-${i}-dimension`}>{t("polls.new.optionDimension", { n: i + 1 })}</label>
                  <select
                    id={`option-${i}-dimension`}
                    name={`options.${i}.dimension`}
                    defaultValue={value(`options.${i}.dimension`)}
                  >
                    <option value="">{t("polls.new.noDimension")}</option>
                    {dimensions.map((d) => (
                      <option key={d} value={d}>
                        {t(`dimension.${d}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </div>
                {schools.length ? (
                  <div className="field">
                    <label htmlFor={`option-${i}-schools`}>{t("polls.new.optionSchools", { n: i + 1 })}</label>
                    <select
                      id={`option-${i}-schools`}
                      name={`options.${i}.schools`}
                      multiple
                      size={4}
                      defaultValue={values(`options.${i}.schools`)}
                      aria-invalid={error(`options.${i}.schools`) ? true : undefined}
                    >
                      {schools.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </select>
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
          {rows < MAX_ROWS ? (
            <button type="submit" name="intent" value="moreRows" className="button button--secondary" disabled={busy}>
              {t("polls.new.moreRows")}
            </button>
          ) : null}
        </fieldset>

        <CheckboxGroup
          legend={t("polls.new.who")}
          hint={t("polls.new.whoHint")}
          name="eligibleGroups"
          options={stakeholderGroups.map((g) => ({ value: g, label: t(`group.${g}` as MessageKey) }))}
          checked={values("eligibleGroups")}
          error={error("eligibleGroups")}
        />

        <fieldset>
          <legend>{t("polls.new.when")}</legend>
          <p className="field__hint">{t("polls.new.whenHint")}</p>
          <LocalTime
            name="opensAt"
            label={t("polls.new.opensAt")}
            error={error("opensAt")}
            sent={[value("opensAt"), value("opensAtIso")]}
          />
          <LocalTime
            name="closesAt"
            label={t("polls.new.closesAt")}
            error={error("closesAt")}
            sent={[value("closesAt"), value("closesAtIso")]}
          />
        </fieldset>

        <fieldset>
          <legend>{t("polls.new.results")}</legend>
          <label className="checkbox">
            <input type="radio" name="results" value="after_publication" defaultChecked={value("results") !== "live"} />
            {t("polls.new.resultsAfter")}
          </label>
          <label className="checkbox">
            <input type="radio" name="results" value="live" defaultChecked={value("results") === "live"} />
            {t("polls.new.resultsLive")}
          </label>
        </fieldset>

        <button type="submit" name="intent" value="create" className="button button--primary" disabled={busy}>
          {t("polls.new.create")}
        </button>
      </Form>
    </section>
  );
}

/**
 * A date and time in the writer's own time zone: the script puts the instant beside the
 * field (`<name>Iso`); without JavaScript the server reads the field as UTC, as the hint says.
 */
function LocalTime({
  name,
  label,
  error,
  sent: [local, sentIso],
}: {
  name: string;
  label: string;
  error: string | null;
  sent: [string, string];
}) {
  const [iso, setIso] = useState(sentIso);
  return (
    <>
      <Field
        label={label}
        name={name}
        type="datetime-local"
        defaultValue={local}
        error={error}
        onChange={(e) => {
          const at = new Date(e.currentTarget.value);
          setIso(Number.isNaN(at.getTime()) ? "" : at.toISOString());
        }}
      />
      <input type="hidden" name={`${name}Iso`} value={iso} />
    </>
  );
}
