import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormMessage, SelectField } from "../components/ui/field";
import { MAX_CODES_PER_REQUEST } from "../domain/access-codes";
import { stakeholderGroups, type StakeholderGroup } from "../domain/roles";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";
import { accessCodeCounts } from "../models/access-codes.server";
import { codeCards, mintCodes } from "../utils/access-codes.server";
import { readForm } from "../utils/forms.server";
import { requirePoll } from "../utils/guards.server";
import { pageTitle } from "../utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "codes.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { poll, workspace, decision } = await requirePoll(request, context, params.workspace, params.poll, "see_codes");
  return json({
    poll: { id: poll!.id, title: poll!.title },
    back: `/workspaces/${workspace.slug}/polls/${poll!.id}`,
    counts: await accessCodeCounts(context.db, poll!.id),
    // Closed or published: the counts stay readable, no code is made.
    mayMint: decision("mint_codes") === "allowed",
    groups: poll!.eligibleGroups ?? stakeholderGroups,
  });
}

type ActionData =
  | { errors: { count?: MessageKey; group?: MessageKey; form?: MessageKey }; count: string }
  | { sheet: Awaited<ReturnType<typeof codeCards>>; group: StakeholderGroup | null };

/** Mints codes and answers with the sheet: the one time they are ever shown. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { poll, auth, decision } = await requirePoll(request, context, params.workspace, params.poll, "see_codes");
  const { values } = await readForm(request);
  const count = Number(values.count);
  const group = values.group ? values.group : null;
  const errors: Extract<ActionData, { errors: unknown }>["errors"] = {};
  if (!Number.isInteger(count) || count < 1 || count > MAX_CODES_PER_REQUEST) errors.count = "codes.countInvalid";
  if (group !== null && !(stakeholderGroups as readonly string[]).includes(group)) errors.group = "codes.groupInvalid";
  if (decision("mint_codes") !== "allowed") errors.form = "codes.closed";
  if (Object.keys(errors).length) return json<ActionData>({ errors, count: values.count ?? "" }, { status: 422 });
  const minted = await mintCodes(context, poll!, {
    userId: auth.user.id,
    count,
    group: group as StakeholderGroup | null,
  });
  if (!minted.ok)
    return json<ActionData>({ errors: { group: "codes.groupInvalid" }, count: values.count ?? "" }, { status: 422 });
  return json<ActionData>({
    sheet: await codeCards(request, context, minted.codes),
    group: group as StakeholderGroup | null,
  });
}

export default function AccessCodes() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const errors = result && "errors" in result ? result.errors : {};
  return (
    <article className="access-codes" aria-labelledby="codes-heading">
      <div className="no-print">
        <p>
          <Link to={data.back}>{t("codes.back")}</Link>
        </p>
        <h2 id="codes-heading">{t("codes.heading")}</h2>
        <p className="lead">{data.poll.title}</p>
        <p>{t("codes.intro")}</p>
        <p>{t("codes.counts", { issued: data.counts.issued, used: data.counts.used })}</p>
        {data.mayMint ? (
          <Form method="post" className="stack card">
            <FormMessage>{errors.form ? t(errors.form) : null}</FormMessage>
            <Field
              label={t("codes.count")}
              name="count"
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_CODES_PER_REQUEST}
              step={1}
              required
              defaultValue={result && "errors" in result ? result.count : "30"}
              error={errors.count ? t(errors.count) : null}
            />
            <SelectField
              label={t("codes.group")}
              name="group"
              defaultValue=""
              error={errors.group ? t(errors.group) : null}
              options={[
                { value: "", label: t("codes.groupAny") },
                ...data.groups.map((g) => ({ value: g, label: t(`group.${g}`) })),
              ]}
            />
            <button type="submit" className="button button--primary" disabled={busy}>
              {t("codes.mint")}
            </button>
          </Form>
        ) : (
          <p className="muted">{t("codes.closed")}</p>
        )}
      </div>
      {result && "sheet" in result ? (
        <section aria-labelledby="sheet-heading" className="code-sheet">
          <div className="no-print">
            <h3 id="sheet-heading">{t("codes.sheetHeading")}</h3>
            <p role="status" className="form-message form-message--success">
              {t("codes.sheetIntro")}
            </p>
          </div>
          <ul className="code-cards">
            {result.sheet.cards.map((card) => (
              <li key={card.code} className="code-card">
                <p className="code-card__title">{data.poll.title}</p>
                <img
                  className="code-card__qr"
                  src={`data:image/svg+xml,${encodeURIComponent(card.qr)}`}
                  alt={t("codes.qrAlt")}
                  width={160}
                  height={160}
                />
                <p>{t("codes.cardHow", { link: result.sheet.link })}</p>
                <p>
                  {t("codes.cardCode")}: <strong className="code-card__code">{card.code}</strong>
                </p>
                {result.group ? <p>{t("codes.cardGroup", { group: t(`group.${result.group}`) })}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
