import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ballotErrorMessage, pollResults } from "../domain/poll-results";
import { pollStateAt, type PollState } from "../domain/polls";
import { getLocale } from "../i18n/locale.server";
import { decimalMoney } from "../i18n/numbers";
import { translator, type MessageKey } from "../i18n/translate";
import { useLocale, useT } from "../i18n/react";
import { countedBallots, movePoll, myBallot, pollOptionsOf } from "../models/polls.server";
import { pollOptionContexts, pollRepresentativeness } from "../models/poll-equity.server";
import { authorize } from "../utils/authorize.server";
import { ballotChoices, formClientToken } from "../utils/ballot-fields.server";
import { submitBallot } from "../utils/ballots.server";
import { formatDateTime } from "../utils/format";
import { readForm } from "../utils/forms.server";
import { forbidden, notFound, requirePoll } from "../utils/guards.server";
import { districtSchools, resultsQuery } from "../utils/polls-api.server";
import { generateToken } from "../utils/tokens.server";
import { BallotForm } from "../features/polls/ballot-form";
import { PollResults } from "../features/polls/poll-results";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.poll.title ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, poll, workspace, district, membership, decision, may } = await requirePoll(
    request,
    context,
    params.workspace,
    params.poll,
    "read",
  );
  const locale = getLocale(request);
  const reader = { districtId: district.id, group: membership.stakeholderGroup };
  const [options, mine, schools] = await Promise.all([
    pollOptionsOf(context.db, poll!.id),
    myBallot(context.db, poll!.id, auth.user.id),
    districtSchools(context, district.id),
  ]);
  const query = resultsQuery(new URL(request.url)) ?? { rule: "equal-shares", utility: "cost", completion: "add1" };
  const counted = may("see_results") ? await countedBallots(context.db, poll!.id) : null;
  const results = counted
    ? pollResults(
        { ...poll!, options },
        counted,
        query,
        translator(locale),
        decimalMoney(locale),
        mine?.receipt ?? null,
      )
    : null;
  const published = poll!.publishedAt !== null;
  const pollPath = `/workspaces/${workspace.slug}/polls/${poll!.id}`;
  return json({
    poll: {
      id: poll!.id,
      title: poll!.title,
      description: poll!.description,
      state: pollStateAt(poll!, new Date()),
      budget: poll!.budget,
      ballot: poll!.ballot,
      closesAt: poll!.closesAt?.toISOString() ?? null,
      opensAt: poll!.opensAt?.toISOString() ?? null,
    },
    options: options.map((o) => ({
      code: o.code,
      title: o.title,
      description: o.description,
      cost: o.cost,
      dimension: o.dimension,
      // The saved view an option names, on the workspace's views page (members only).
      viewHref: o.viewId ? `/workspaces/${workspace.slug}/views#view-${o.viewId}` : null,
    })),
    mine: mine ? { choices: mine.choices, receipt: mine.receipt } : null,
    vote: decision("vote"),
    moves: { open: may("open"), close: may("close"), publish: may("publish") },
    // Voters without an account: the owner's access codes, the staff's paper ballots.
    offline: {
      codes: may("see_codes") ? `${pollPath}/codes` : null,
      paper: decision("enter_paper") !== "forbidden" ? `${pollPath}/paper` : null,
    },
    schools,
    results,
    rule: query.rule,
    // Receipts of every counted ballot, without names, once the results are published.
    counted: published && counted ? counted.map((b) => ({ receipt: b.receipt, paper: b.paper })) : null,
    representativeness: counted ? await pollRepresentativeness(context.db, poll!, counted, reader) : null,
    // Each option's schools in this reader's copy of the latest data (hidden cells stay hidden).
    contexts: await pollOptionContexts(context.db, options, reader),
    // One per page load: a double submit of this form stores one ballot.
    clientToken: generateToken(),
  });
}

type ActionData =
  | { intent: "vote"; receipt: string }
  | { intent: "vote"; errors: string[] }
  | { intent: "move"; moved?: PollState; error?: MessageKey };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const access = await requirePoll(request, context, params.workspace, params.poll, "read");
  const { auth, poll } = access;
  const { form, values } = await readForm(request);
  const locale = getLocale(request);
  const t = translator(locale);

  if (values.intent === "move") {
    const to = values.to;
    const action = to === "open" ? "open" : to === "closed" ? "close" : to === "published" ? "publish" : null;
    if (!action) return json<ActionData>({ intent: "move", error: "polls.cannotMove" }, { status: 400 });
    const outcome = await authorize(context, auth.user.id, { kind: "poll", id: poll!.id }, action);
    if (!outcome.ok && outcome.status !== 409) throw outcome.status === 404 ? notFound() : forbidden();
    const moved = outcome.ok ? await movePoll(context.db, poll!.id, to as PollState) : { ok: false as const };
    if (!moved.ok) return json<ActionData>({ intent: "move", error: "polls.cannotMove" }, { status: 409 });
    return json<ActionData>({ intent: "move", moved: moved.poll.state });
  }

  const options = await pollOptionsOf(context.db, poll!.id);
  const choices = ballotChoices(poll!.ballot.type, options, form);
  if ("error" in choices) return json<ActionData>({ intent: "vote", errors: [t(choices.error)] }, { status: 422 });
  const cast = await submitBallot(context, access, {
    choices: choices.value,
    clientToken: formClientToken(values.clientToken),
    school: values.school || null,
  });
  if (cast.ok) return json<ActionData>({ intent: "vote", receipt: cast.receipt });
  if (cast.reason === "not_found") throw notFound();
  const errors =
    cast.reason === "invalid"
      ? cast.errors.map((e) => ballotErrorMessage(e, t, decimalMoney(locale)))
      : [
          t(
            cast.reason === "not_eligible"
              ? "ballotError.not_eligible"
              : cast.reason === "school"
                ? "validation.schoolUnknown"
                : cast.reason === "shape"
                  ? "validation.choicesInvalid"
                  : "ballotError.not_open",
          ),
        ];
  const status = cast.reason === "not_eligible" ? 403 : cast.reason === "not_open" ? 409 : 422;
  return json<ActionData>({ intent: "vote", errors }, { status });
}

export default function PollPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const locale = useLocale();
  const money = decimalMoney(locale);
  const busy = useNavigation().state !== "idle";
  const { poll } = data;
  const moves: { to: PollState; allowed: boolean; label: MessageKey }[] = [
    { to: "open", allowed: data.moves.open, label: "polls.open" },
    { to: "closed", allowed: data.moves.close, label: "polls.close" },
    { to: "published", allowed: data.moves.publish, label: "polls.publish" },
  ];
  const move = moves.filter((m) => m.allowed);

  return (
    <article className="poll" aria-labelledby="poll-title">
      <h2 id="poll-title">{poll.title}</h2>
      <p className="poll-card__facts">
        <span className={`badge badge--${poll.state}`}>{t(`polls.state.${poll.state}`)}</span>
        <span>{t("polls.budget", { budget: money(poll.budget) })}</span>
        {poll.state === "open" && poll.closesAt ? (
          <span>{t("polls.closes", { date: formatDateTime(poll.closesAt, locale) })}</span>
        ) : null}
      </p>
      {poll.description ? <p className="lead">{poll.description}</p> : null}

      {move.length || result?.intent === "move" || data.offline.codes || data.offline.paper ? (
        <section aria-labelledby="manage-heading" className="card poll-manage">
          <h3 id="manage-heading">{t("polls.manage")}</h3>
          {move.length ? (
            <Form method="post" className="actions">
              <input type="hidden" name="intent" value="move" />
              {move.map((m) => (
                <button key={m.to} type="submit" name="to" value={m.to} className="button" disabled={busy}>
                  {t(m.label)}
                </button>
              ))}
            </Form>
          ) : null}
          {data.offline.codes || data.offline.paper ? (
            <ul className="poll-manage__links">
              {data.offline.codes ? (
                <li>
                  <Link to={data.offline.codes}>{t("polls.codesLink")}</Link>
                </li>
              ) : null}
              {data.offline.paper ? (
                <li>
                  <Link to={data.offline.paper}>{t("polls.paperLink")}</Link>
                </li>
              ) : null}
            </ul>
          ) : null}
          {result?.intent === "move" && result.moved ? (
            <p role="status" className="form-message form-message--success">
              {t(`polls.moved.${result.moved}` as MessageKey)}
            </p>
          ) : null}
          {result?.intent === "move" && result.error ? (
            <p role="alert" className="form-message form-message--error">
              {t(result.error)}
            </p>
          ) : null}
        </section>
      ) : null}

      <BallotForm
        poll={poll}
        options={data.options}
        mine={data.mine}
        vote={data.vote}
        schools={data.schools}
        clientToken={data.clientToken}
        result={result?.intent === "vote" ? result : undefined}
        contexts={data.contexts}
      />

      {data.results ? (
        <PollResults
          pollId={poll.id}
          results={data.results}
          rule={data.rule}
          ballotType={poll.ballot.type}
          counted={data.counted}
          voices={data.representativeness}
        />
      ) : poll.state !== "draft" ? (
        <section aria-labelledby="results-heading" className="card">
          <h3 id="results-heading">{t("results.heading")}</h3>
          <p className="muted">{t("results.notYet")}</p>
        </section>
      ) : null}
    </article>
  );
}
