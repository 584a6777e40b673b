import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LOCALES, type Locale } from "~/domain/constants.ts";

/** Plain form buttons: switching language works with or without JavaScript. */
export function LanguageSwitcher({ current }: { current: Locale }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/locale" className="language-switcher" aria-label={t("language.label")}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-current={locale === current ? "true" : undefined}
          aria-label={t("language.switchTo", { language: t(`language.${locale}`) })}
          className="link-button"
        >
          {t(`language.${locale}`)}
        </button>
      ))}
    </Form>
  );
}
