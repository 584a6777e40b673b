import { createElement } from "react";
import { useTranslation } from "react-i18next";
import type { ShownText } from "~/domain/call-texts.ts";

/**
 * A text the network wrote (a call's title, description…) in the reader's language. The French original
 * standing in for a missing translation keeps its own lang and dir, so it reads left to right inside an
 * Arabic page, and says so: "(in French)", in the page's language.
 */
export function ShownTextView({
  value,
  as = "span",
  className,
}: {
  value: ShownText;
  as?: "span" | "p" | "h1" | "h2" | "h3" | "div";
  className?: string;
}) {
  const { t } = useTranslation();
  if (!value.inFrench) return createElement(as, { className, dir: "auto" }, value.text);
  return createElement(
    as,
    { className },
    <span lang={value.lang} dir={value.dir}>
      {value.text}
    </span>,
    " ",
    <span className="fallback-note">({t("calls.inFrench")})</span>,
  );
}
