import { useTranslation } from "react-i18next";
import { formatNumber } from "~/i18n/format.ts";
import { useLocale } from "~/i18n/use-locale.ts";

/** A file of the application as the wizard lists it: its link (a download) and its size. */
export function FileSummary({ file }: { file: { id: string; fileName: string; size: number } }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <a href={`/files/${file.id}`}>{file.fileName}</a>{" "}
      <span className="muted">{t("apply.documents.size", { size: formatNumber(Math.max(1, Math.round(file.size / 1024)), locale) })}</span>
    </>
  );
}
