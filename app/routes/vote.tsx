import { json, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { Field, FormMessage } from "../components/ui/field";
import { formatAccessCode, normalizeAccessCode } from "../domain/access-codes";
import { ballotErrorMessage } from "../domain/poll-results";
import { pollStateAt } from "../domain/polls";
import { stakeholderGroups } from "../domain/roles";
import { BallotForm } from "../features/polls/ballot-form";
import { GroupQuestion } from "../features/polls/group-question";
import { getLocale } from "../i18n/locale.server";
import { decimalMoney } from "../i18n/numbers";
import { useT } from "../i18n/react";
import { translator, type MessageKey } from "../i18n/translate";
import { ballotChoices, formClientToken } from "../utils/ballot-fields.server";
import {
  openCodeBallot,
  submitCodeBallot,
  type CodeProblem,
  type CodeRefusal,
  type OpenedBallot,
} from "../utils/code-ballots.server";
import { readForm } from "../utils/forms.server";
import { pageTitle } from "../utils/meta";
import { generateToken } from "../utils/tokens.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "vote.title");

/** What a code's ballot shows: the poll, never its workspace. */
function ballotData(opened: OpenedBallot, code: string) {
  const { poll, code: row } = opened.access;
  return {
    code: formatAccessCode(code),
    poll: {
      title: poll.title,
      description: poll.description,
      state: pollStateAt(poll, new Date()),
      budget: poll.budget,
      ballot: poll.ballot,
    },
    options: opened.options.map((o) => ({ code: o.code, title: o.title, description: o.description, cost: o.cost })),
    schools: opened.schools,
    groups: poll.eligibleGroups ?? stakeholderGroups,
    fixedGroup: row.stakeholderGroup,
    // One per ballot shown: a double submit, or a retry after a lost answer, stores one ballot.
    clientToken: generateToken(),
  };
}

type ActionData =
  | { step: "code"; error: MessageKey; minutes?: number; typed: string }
  | { step: "ballot"; ballot: ReturnType<typeof ballotData>; errors?: string[]; group?: string }
  | { step: "done"; receipt: string };

const codeErrors: Record<CodeProblem["reason"], MessageKey> = {
  rate_limited: "vote.rateLimited",
  invalid_code: "vote.invalidCode",
  used: "vote.used",
  not_open: "vote.notOpen",
  not_eligible: "vote.notEligible",
};
const codeStatus = { rate_limited: 429, invalid_code: 404, used: 410, not_open: 409, not_eligible: 403 } as const;
/** Refusals of the code itself, answered on the first step; the rest are about the ballot. */
const isAboutCode = (r: CodeRefusal): r is CodeProblem => r.reason in codeStatus;

/**
 * Two steps, each a plain form post (no JavaScript needed, and the code never in a URL):
 * the code opens its ballot; the ballot, with the code as a hidden field, is cast.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const { form, values } = await readForm(request);
  const locale = getLocale(request);
  const t = translator(locale);
  const typed = values.code ?? "";
  const backToCode = (r: CodeProblem) =>
    json<ActionData>(
      {
        step: "code",
        error: codeErrors[r.reason],
        minutes: "retryAfterMs" in r ? Math.ceil(r.retryAfterMs / 60_000) : undefined,
        // A mistyped code comes back to be corrected; any other was right.
        typed: r.reason === "invalid_code" ? typed : "",
      },
      { status: codeStatus[r.reason] },
    );

  const voting = values.intent === "vote";
  const opened = await openCodeBallot(context, typed, voting ? formClientToken(values.clientToken) : null);
  if (!opened.ok) return backToCode(opened);
  if ("receipt" in opened) return json<ActionData>({ step: "done", receipt: opened.receipt });
  const code = normalizeAccessCode(typed)!;
  if (!voting) return json<ActionData>({ step: "ballot", ballot: ballotData(opened, code) });

  const refused = (errors: string[], status: number) =>
    json<ActionData>({ step: "ballot", ballot: ballotData(opened, code), errors, group: values.group }, { status });
  const choices = ballotChoices(opened.access.poll.ballot.type, opened.options, form);
  if ("error" in choices) return refused([t(choices.error)], 422);
  const cast = await submitCodeBallot(context, code, {
    choices: choices.value,
    group: values.group || null,
    school: values.school || null,
    clientToken: formClientToken(values.clientToken),
  });
  if (cast.ok) return json<ActionData>({ step: "done", receipt: cast.receipt });
  // Said a group the vote does not invite: the ballot stays, to say another.
  if (cast.reason === "not_eligible") return refused([t("vote.notEligible")], 403);
  if (isAboutCode(cast)) return backToCode(cast);
  const errors =
    cast.reason === "invalid"
      ? cast.errors.map((e) => ballotErrorMessage(e, t, decimalMoney(locale)))
      : [
          t(
            cast.reason === "shape"
              ? "validation.choicesInvalid"
              : cast.reason === "school"
                ? "validation.schoolUnknown"
                : "vote.groupRequired",
          ),
        ];
  return refused(errors, 422);
}

export default function Vote() {
  const t = useT();
  const data = useActionData<typeof action>() as ActionData | undefined;
  return (
    <div className="page narrow vote-page">
      <h1>{t("vote.title")}</h1>
      {data?.step === "done" ? (
        <>
          <p role="status" className="form-message form-message--success ballot__receipt">
            {t("vote.counted", { receipt: data.receipt })}
          </p>
          <p>
            <Link to="/vote" reloadDocument>
              {t("vote.another")}
            </Link>
          </p>
        </>
      ) : data?.step === "ballot" ? (
        <CodeBallot data={data} />
      ) : (
        <CodeStep error={data?.step === "code" ? data : null} />
      )}
    </div>
  );
}

const CODE_FIELD = "access-code";

function CodeStep({ error }: { error: Extract<ActionData, { step: "code" }> | null }) {
  const t = useT();
  const busy = useNavigation().state !== "idle";
  useEffect(() => {
    // A printed QR code carries the code in the fragment, which never reaches the server.
    const fromLink = decodeURIComponent(window.location.hash.slice(1));
    const input = document.getElementById(CODE_FIELD);
    if (!fromLink || !(input instanceof HTMLInputElement)) return;
    input.value = fromLink;
    // Out of the address bar and the history too: it is someone's ballot.
    window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
  }, []);
  return (
    <>
      <p className="lead">{t("vote.intro")}</p>
      <FormMessage>{error ? t(error.error, { minutes: error.minutes ?? 1 }) : null}</FormMessage>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="open" />
        <Field
          id={CODE_FIELD}
          label={t("vote.codeLabel")}
          hint={t("vote.codeHint")}
          name="code"
          required
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          defaultValue={error?.typed}
          className="code-input"
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t("vote.continue")}
        </button>
      </Form>
    </>
  );
}

function CodeBallot({ data }: { data: Extract<ActionData, { step: "ballot" }> }) {
  const t = useT();
  const { ballot } = data;
  return (
    <article className="poll" aria-labelledby="poll-title">
      <h2 id="poll-title">{ballot.poll.title}</h2>
      {ballot.poll.description ? <p className="lead">{ballot.poll.description}</p> : null}
      <BallotForm
        poll={ballot.poll}
        options={ballot.options}
        mine={null}
        vote="allowed"
        schools={ballot.schools}
        clientToken={ballot.clientToken}
        result={data.errors ? { errors: data.errors } : undefined}
        fields={{ code: ballot.code }}
      >
        {ballot.fixedGroup ? (
          <p>{t("vote.groupFixed", { group: t(`group.${ballot.fixedGroup}`) })}</p>
        ) : (
          <GroupQuestion groups={ballot.groups} legend={t("vote.groupLegend")} defaultValue={data.group} />
        )}
      </BallotForm>
    </article>
  );
}
