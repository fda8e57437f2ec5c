import { Form } from "@remix-run/react";
import type { Locale } from "../../i18n/locales";
import { useT } from "../../i18n/react";

// Each language named in itself, as people look for their own.
const languageNames: Record<Locale, string> = { en: "English", es: "Español" };

/**
 * The account's language: its mail's, and its pages' wherever no other language was picked on the
 * device. Posts to the same /set-language as the header's switcher, which saves it to the account
 * when signed in.
 */
export function LanguageSection({ accountLocale }: { accountLocale: Locale }) {
  const t = useT();
  return (
    <section aria-labelledby="language-heading" className="card">
      <h2 id="language-heading">{t("account.language")}</h2>
      <p className="muted" id="language-help">
        {t("account.languageHelp")}
      </p>
      <Form method="post" action="/set-language" className="stack">
        <input type="hidden" name="redirectTo" value="/account" />
        <div className="field">
          <label htmlFor="account-language">{t("account.languageLabel")}</label>
          <select id="account-language" name="lang" defaultValue={accountLocale} aria-describedby="language-help">
            {(Object.keys(languageNames) as Locale[]).map((code) => (
              <option key={code} value={code} lang={code}>
                {languageNames[code]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t("account.languageSave")}
        </button>
      </Form>
    </section>
  );
}
