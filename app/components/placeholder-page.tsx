import { useTranslation } from "react-i18next";

/** Stands where a later part of the product will fill the page. */
export function PlaceholderPage({ titleKey, textKey = "dashboard.comingSoon" }: { titleKey: string; textKey?: string }) {
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t(titleKey)}</h1>
      <p className="muted">{t(textKey)}</p>
    </section>
  );
}
