import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { paperProblemMessage } from "../domain/paper-ballots";
import { pollStateAt, type BallotRules } from "../domain/polls";
import { stakeholderGroups } from "../domain/roles";
import { BallotForm } from "../features/polls/ballot-form";
import { GroupQuestion } from "../features/polls/group-question";
import { getLocale } from "../i18n/locale.server";
import { decimalMoney } from "../i18n/numbers";
import { useT, useTc } from "../i18n/react";
import { translator, type MessageKey } from "../i18n/translate";
import { pollOptionsOf } from "../models/polls.server";
import { ballotChoices, formClientToken } from "../utils/ballot-fields.server";
import { readForm } from "../utils/forms.server";
import { forbidden, requirePoll } from "../utils/guards.server";
import { pageTitle } from "../utils/meta";
import { enterPaperBallots, paperEntry } from "../utils/paper-ballots.server";
import { districtSchools } from "../utils/polls-api.server";
import { generateToken } from "../utils/tokens.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "paper.title");

/** Staff who may enter papers (owners, editors); others are refused, as for any right they lack. */
async function requirePaper(
  request: Request,
  context: LoaderFunctionArgs["context"],
  params: LoaderFunctionArgs["params"],
) {
  const access = await requirePoll(request, context, params.workspace, params.poll, "read");
  const entry = access.decision("enter_paper");
  if (entry === "forbidden") throw forbidden();
  return { ...access, open: entry === "allowed" };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { poll, workspace, district, open } = await requirePaper(request, context, params);
  const [options, schools] = await Promise.all([
    pollOptionsOf(context.db, poll!.id),
    districtSchools(context, district.id),
  ]);
  return json({
    poll: {
      title: poll!.title,
      state: pollStateAt(poll!, new Date()),
      budget: poll!.budget,
      ballot: poll!.ballot,
    },
    back: `/workspaces/${workspace.slug}/polls/${poll!.id}`,
    open,
    options: options.map((o) => ({ code: o.code, title: o.title, description: o.description, cost: o.cost })),
    schools,
    groups: poll!.eligibleGroups ?? stakeholderGroups,
    // New with every load (and so after every entry): a double submit stores one paper.
    clientToken: generateToken(),
  });
}

type ActionData =
  | { intent: "paper"; receipt: string }
  | { intent: "paper"; errors: string[]; group?: string }
  | { intent: "csv"; receipts: string[] }
  | { intent: "csv"; problems: { line: number; message: string }[] }
  | { intent: "csv"; error: MessageKey };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { poll, district, auth, open } = await requirePaper(request, context, params);
  const { form, values } = await readForm(request);
  const locale = getLocale(request);
  const t = translator(locale);
  const money = decimalMoney(locale);
  const intent = values.intent === "csv" ? "csv" : "paper";
  if (!open) return json<ActionData>({ intent: "csv", error: "paper.when" }, { status: 409 });
  const who = { poll: poll!, districtId: district.id, userId: auth.user.id };

  if (intent === "csv") {
    const file = form.get("file");
    if (!(file instanceof Blob) || file.size === 0)
      return json<ActionData>({ intent, error: "paper.fileRequired" }, { status: 400 });
    const entered = await enterPaperBallots(
      context,
      who,
      { csv: await file.text() },
      formClientToken(values.clientToken),
    );
    if (entered.ok) return json<ActionData>({ intent, receipts: entered.receipts });
    if (entered.reason === "not_open") return json<ActionData>({ intent, error: "paper.when" }, { status: 409 });
    if (entered.reason === "token_reused")
      return json<ActionData>({ intent, error: "paper.tokenReused" }, { status: 409 });
    const problems = entered.problems.map((p) => ({ line: p.line, message: paperProblemMessage(p, t, money) }));
    return json<ActionData>({ intent, problems }, { status: 422 });
  }

  const options = await pollOptionsOf(context.db, poll!.id);
  const choices = ballotChoices(poll!.ballot.type, options, form);
  if ("error" in choices)
    return json<ActionData>({ intent, errors: [t(choices.error)], group: values.group }, { status: 422 });
  const entry = paperEntry(poll!, 1, { group: values.group ?? "", school: values.school, choices: choices.value });
  const entered = await enterPaperBallots(context, who, { entries: [entry] }, formClientToken(values.clientToken));
  if (entered.ok) return json<ActionData>({ intent, receipt: entered.receipts[0]! });
  const status = entered.reason === "invalid" ? 422 : 409;
  const errors =
    entered.reason === "not_open"
      ? [t("paper.when")]
      : entered.reason === "token_reused"
        ? [t("paper.tokenReused")]
        : entered.problems.map((p) => paperProblemMessage(p, t, money));
  return json<ActionData>({ intent, errors, group: values.group }, { status });
}

/** An example file for this poll's ballot type, with its own option codes. */
function csvExample(rules: BallotRules, codes: string[], school: string | undefined) {
  const [a = "P1", b = "P2", c = a] = codes;
  const pick = (list: string[]) =>
    rules.type === "points"
      ? list.map((code, i) => `${code}:${Math.max(1, Math.floor(rules.points / (i + 2)))}`)
      : list;
  return [
    "group,school,choices",
    `family,,${pick([a, c]).join(";")}`,
    `student,${school ?? ""},${pick([b]).join(";")}`,
  ].join("\n");
}

export default function PaperBallots() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const tc = useTc();
  const busy = useNavigation().state !== "idle";
  const one = result?.intent === "paper" ? result : undefined;
  const csv = result?.intent === "csv" ? result : undefined;
  return (
    <article className="paper-ballots" aria-labelledby="paper-heading">
      <p>
        <Link to={data.back}>{t("codes.back")}</Link>
      </p>
      <h2 id="paper-heading">{t("paper.heading")}</h2>
      <p className="lead">{data.poll.title}</p>
      <p>{t("paper.intro")}</p>
      <p className="muted">{t("paper.when")}</p>
      {data.open ? (
        <>
          {one && "receipt" in one ? (
            <p role="status" className="form-message form-message--success ballot__receipt">
              {t("paper.stored", { receipt: one.receipt })}
            </p>
          ) : null}
          <BallotForm
            // A fresh, empty form after each paper entered.
            key={one && "receipt" in one ? one.receipt : "first"}
            poll={data.poll}
            options={data.options}
            mine={null}
            vote="allowed"
            schools={data.schools}
            clientToken={data.clientToken}
            result={one && "errors" in one ? { errors: one.errors } : undefined}
            fields={{ intent: "paper" }}
            labels={{ heading: t("paper.oneHeading"), submit: t("paper.submit"), school: t("paper.school") }}
          >
            <GroupQuestion
              groups={data.groups}
              legend={t("paper.groupLegend")}
              defaultValue={one && "errors" in one ? one.group : null}
            />
          </BallotForm>

          <section aria-labelledby="paper-csv-heading" className="card">
            <h3 id="paper-csv-heading">{t("paper.csvHeading")}</h3>
            <p>{t("paper.csvHelp")}</p>
            <p>{t("paper.csvExample")}</p>
            <pre className="paper-ballots__example">
              {csvExample(
                data.poll.ballot,
                data.options.map((o) => o.code),
                data.schools[0]?.id,
              )}
            </pre>
            <h4>{t("paper.codesHeading")}</h4>
            <ul className="paper-ballots__codes">
              {data.options.map((o) => (
                <li key={o.code}>
                  <code>{o.code}</code> {o.title}
                </li>
              ))}
            </ul>
            {csv && "error" in csv ? (
              <p role="alert" className="form-message form-message--error">
                {t(csv.error)}
              </p>
            ) : null}
            {csv && "problems" in csv ? (
              <div role="alert" className="form-message form-message--error">
                <p>{t("paper.problems")}</p>
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("paper.line")}</th>
                      <th scope="col">{t("paper.problem")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {csv.problems.map((p, i) => (
                      <tr key={i}>
                        <td>{p.line}</td>
                        <td>{p.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            {csv && "receipts" in csv ? (
              <div role="status" className="form-message form-message--success">
                <p>{tc("paper.csvStored", csv.receipts.length)}</p>
                <ol className="paper-ballots__receipts">
                  {csv.receipts.map((r) => (
                    <li key={r}>
                      <code>{r}</code>
                    </li>
                  ))}
                </ol>
              </div>
            ) : null}
            <Form method="post" encType="multipart/form-data" className="stack">
              <input type="hidden" name="intent" value="csv" />
              <input type="hidden" name="clientToken" value={`${data.clientToken}-file`} />
              <div className="field">
                <label htmlFor="paper-file">{t("paper.file")}</label>
                <input id="paper-file" type="file" name="file" accept=".csv,text/csv" required />
              </div>
              <button type="submit" className="button" disabled={busy}>
                {t("paper.upload")}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </article>
  );
}
