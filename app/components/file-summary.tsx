import { useTranslation } from "react-i18next";
import { formatNumber } from "~/i18n/format.ts";
import { useLocale } from "~/i18n/use-locale.ts";

/**
 * A stored file as the pages list it: its link (a download) and its size. `href` is the download route; an
 * application's files by default (a message's PDF has its own route, with its own readers).
 */
export function FileSummary({ file, href = `/files/${file.id}` }: { file: { id: string; fileName: string; size: number }; href?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <a href={href}>{file.fileName}</a>{" "}
      <span className="muted">{t("apply.documents.size", { size: formatNumber(Math.max(1, Math.round(file.size / 1024)), locale) })}</span>
    </>
  );
}
