import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { UPLOAD_FIELD } from "~/storage/file-type.ts";
import { FieldError } from "~/components/form.tsx";
import { FileSummary } from "~/components/file-summary.tsx";

export type AttachmentView = { id: string; kind: string; fileName: string; size: number };

const ACCEPT = { PITCH_DECK: "application/pdf,.pdf", OTHER: "application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg" } as const;

/** Pitch deck and extra files: each upload is its own multipart form, usable without JavaScript. */
export function DocumentsStep({
  attachments,
  readOnly,
  maxOther,
  error,
  errorFor,
}: {
  attachments: AttachmentView[];
  readOnly: boolean;
  maxOther: number;
  error?: string;
  errorFor: (name: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const deck = attachments.find((a) => a.kind === "PITCH_DECK");
  const others = attachments.filter((a) => a.kind === "OTHER");
  const fileRow = (attachment: AttachmentView) => (
    <li key={attachment.id} className="file-row">
      <FileSummary file={attachment} />
      {readOnly ? null : (
        <Form method="post" className="inline">
          <input type="hidden" name="attachmentId" value={attachment.id} />
          <button type="submit" name="intent" value="deleteAttachment" className="link-button">
            {t("apply.documents.delete", { name: attachment.fileName })}
          </button>
        </Form>
      )}
    </li>
  );
  const uploadForm = (kind: "PITCH_DECK" | "OTHER", label: string) => (
    <Form method="post" encType="multipart/form-data" className="upload-form">
      <input type="hidden" name="intent" value="upload" />
      <div className="field">
        <label htmlFor={`file-${kind}`}>{label}</label>
        <input id={`file-${kind}`} type="file" name={UPLOAD_FIELD[kind]} accept={ACCEPT[kind]} required aria-describedby={`hint-${kind}`} />
        <p className="field-hint" id={`hint-${kind}`}>
          {t(kind === "PITCH_DECK" ? "apply.documents.deckHint" : "apply.documents.otherHint")}
        </p>
      </div>
      <button type="submit" className="button button-small">
        {t("apply.documents.upload")}
      </button>
    </Form>
  );
  return (
    <div className="stack">
      {error ? (
        <p className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
      <section className="card" aria-labelledby="deck-title">
        <h2 id="deck-title">{t("apply.documents.deckTitle")}</h2>
        <FieldError name="hasPitchDeck" error={errorFor("hasPitchDeck")} />
        {deck ? <ul className="plain-list">{fileRow(deck)}</ul> : <p className="muted">{t("apply.documents.noDeck")}</p>}
        {readOnly ? null : uploadForm("PITCH_DECK", deck ? t("apply.documents.replaceDeck") : t("apply.documents.chooseDeck"))}
      </section>
      <section className="card" aria-labelledby="other-title">
        <h2 id="other-title">{t("apply.documents.otherTitle", { max: maxOther })}</h2>
        {others.length > 0 ? (
          <ul className="plain-list">{others.map(fileRow)}</ul>
        ) : (
          <p className="muted">{t("apply.documents.noOther")}</p>
        )}
        {readOnly || others.length >= maxOther ? null : uploadForm("OTHER", t("apply.documents.chooseOther"))}
      </section>
    </div>
  );
}
