import { Form, useFetcher } from "@remix-run/react";
import { useEffect, type ComponentProps, type ComponentType } from "react";
import { Field, FormMessage } from "../../components/ui/field";
import { DELETE_CONFIRMATION_WORDS } from "../../domain/leaving";
import { useLocale, useT } from "../../i18n/react";
import type { MessageKey } from "../../i18n/translate";

/** What deleting would do, from /account/delete's loader. */
export type DeletionPreview = {
  soleWorkspaces: string[];
  soleDistricts: string[];
  refusal:
    | { reason: "last_owner"; workspaces: string[] }
    | { reason: "last_district_admin"; districts: string[] }
    | { reason: "last_instance_admin" }
    | null;
};

/** /account/delete's answer to a refused attempt. */
export type DeleteAccountResult = {
  fields?: { confirm?: MessageKey; password?: MessageKey };
  formError?: MessageKey;
  names?: string;
  minutes?: number;
};

type FormComponent = ComponentType<ComponentProps<typeof Form>>;

/** The form itself: the confirmation word and the password; on the Account page and on /account/delete. */
export function DeleteAccountForm({
  FormAs,
  result,
  preview,
  busy,
}: {
  FormAs: FormComponent;
  result: DeleteAccountResult | undefined;
  preview: DeletionPreview | undefined;
  busy: boolean;
}) {
  const t = useT();
  const word = DELETE_CONFIRMATION_WORDS[useLocale()];
  const refusal = preview?.refusal ?? null;
  const names = (list: string[]) => list.map((n) => `“${n}”`).join(", ");
  const refusalMessage = (r: NonNullable<DeletionPreview["refusal"]>) =>
    r.reason === "last_owner"
      ? t("deleteAccount.lastOwner", { names: names(r.workspaces) })
      : r.reason === "last_district_admin"
        ? t("deleteAccount.lastDistrictAdmin", { names: names(r.districts) })
        : t("deleteAccount.lastInstanceAdmin");
  const fieldError = (name: "confirm" | "password") => {
    const key = result?.fields?.[name];
    return key ? t(key, { word }) : null;
  };
  return (
    <>
      <p>{t("deleteAccount.intro")}</p>
      {preview?.soleWorkspaces.length ? (
        <p>{t("deleteAccount.soleWorkspaces", { names: names(preview.soleWorkspaces) })}</p>
      ) : null}
      {preview?.soleDistricts.length ? (
        <p>{t("deleteAccount.soleDistricts", { names: names(preview.soleDistricts) })}</p>
      ) : null}
      <FormMessage>
        {result?.formError
          ? t(result.formError, { names: result.names ?? "", minutes: result.minutes ?? 1 })
          : refusal
            ? refusalMessage(refusal)
            : null}
      </FormMessage>
      <FormAs method="post" action="/account/delete" className="stack">
        <Field
          label={t("deleteAccount.confirmWord", { word })}
          name="confirm"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          error={fieldError("confirm")}
        />
        <Field
          label={t("deleteAccount.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldError("password")}
        />
        <button type="submit" className="button button--danger" disabled={busy}>
          {t("deleteAccount.submit")}
        </button>
      </FormAs>
    </>
  );
}

/** The Account page's section: loads what deleting would do, and submits without leaving the page until it is done. */
export function DeleteAccountSection() {
  const t = useT();
  const submit = useFetcher<DeleteAccountResult>();
  const preview = useFetcher<{ preview: DeletionPreview }>();
  const { load } = preview;
  useEffect(() => {
    load("/account/delete");
  }, [load]);
  return (
    <>
      <section aria-labelledby="account-data-heading" className="card">
        <h2 id="account-data-heading">{t("accountData.heading")}</h2>
        <p className="muted">{t("accountData.help")}</p>
        <p>
          <a href="/api/v1/me/export" download>
            {t("accountData.download")}
          </a>
        </p>
      </section>
      <section aria-labelledby="delete-account-heading" className="card">
        <h2 id="delete-account-heading">{t("deleteAccount.heading")}</h2>
        <DeleteAccountForm
          FormAs={submit.Form}
          result={submit.data}
          preview={preview.data?.preview}
          busy={submit.state !== "idle"}
        />
      </section>
    </>
  );
}
