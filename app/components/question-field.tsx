import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AnswerValue, QuestionView } from "~/domain/call-questions.ts";
import type { MessageParams } from "~/domain/errors.ts";
import { answerAsPosted, answerField } from "~/schemas/answers.ts";
import { ChoiceGroup, FieldShell } from "./form.tsx";
import { ShownTextView } from "./shown-text.tsx";
import { Form, useSubmit } from "@remix-run/react";
import { FileSummary } from "./file-summary.tsx";
import { answerUploadField } from "~/storage/file-type.ts";

/** The file answering a file question, as the wizard lists it. */
export type AnswerFile = { id: string; fileName: string; size: number };

const answerFileFormIds = (key: string) => ({ upload: `answer-file-${key}`, remove: `answer-file-remove-${key}` });

/**
 * The forms a file question's controls submit (QuestionField): a multipart upload and, once a file
 * is there, its removal. Rendered outside the step's form, since forms cannot nest. `beforeUpload`
 * saves the step's answers first: the server accepts a file only for a question its saved answers
 * show, and the question may have just been shown by an answer not saved yet.
 */
export function AnswerFileForms({
  questionKey,
  file,
  beforeUpload,
}: {
  questionKey: string;
  file?: AnswerFile;
  beforeUpload: () => Promise<void>;
}) {
  const forms = answerFileFormIds(questionKey);
  const submit = useSubmit();
  return (
    <>
      <Form
        id={forms.upload}
        method="post"
        encType="multipart/form-data"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          void beforeUpload().then(() => submit(form, { method: "post", encType: "multipart/form-data" }));
        }}
      />
      {file ? (
        <Form id={forms.remove} method="post">
          <input type="hidden" name="attachmentId" value={file.id} />
        </Form>
      ) : null}
    </>
  );
}

/**
 * One of a call's questions as a form control, posted as `answers.<key>` (app/schemas/answers.ts). Plain
 * controls with their saved answer: the form works without JavaScript, and autosave reads them as typed.
 */
export function QuestionField({
  question,
  answer,
  error,
  errorParams,
  file,
}: {
  question: QuestionView;
  answer?: AnswerValue;
  error?: string;
  errorParams?: MessageParams;
  /** A file question's answer: the file uploaded for it. */
  file?: AnswerFile;
}) {
  const { t } = useTranslation();
  const name = answerField(question.key);
  const label = (
    <>
      <ShownTextView value={question.label} />
      {question.required ? null : <span className="fallback-note"> ({t("questions.optional")})</span>}
    </>
  );
  const help = question.help ? <ShownTextView value={question.help} /> : null;
  const text = typeof answer === "string" || typeof answer === "number" ? String(answer) : "";
  // A long text's live counter: characters left, announced with the field.
  const [length, setLength] = useState(text.length);

  if (question.type === "SINGLE_CHOICE" || question.type === "MULTIPLE_CHOICE" || question.type === "YES_NO") {
    const multiple = question.type === "MULTIPLE_CHOICE";
    const choices =
      question.type === "YES_NO"
        ? [
            { value: "yes", label: t("questions.yes") },
            { value: "no", label: t("questions.no") },
          ]
        : question.choices.map((choice) => ({ value: choice.value, label: <ShownTextView value={choice.label} /> }));
    // Saved typed (a yes/no as a boolean), posted back by a refused form as text: the controls' values either way.
    const picked = answerAsPosted(answer);
    return (
      <ChoiceGroup legend={label} name={name} error={error} errorParams={errorParams}>
        {help ? <p className="field-hint">{help}</p> : null}
        {/* Posted even when no box is ticked: the question was shown, and its answer emptied. */}
        {multiple ? <input type="hidden" name={name} value="" /> : null}
        {choices.map((choice) => (
          <label key={choice.value} className="choice">
            <input type={multiple ? "checkbox" : "radio"} name={name} value={choice.value} defaultChecked={picked.includes(choice.value)} />{" "}
            {choice.label}
          </label>
        ))}
      </ChoiceGroup>
    );
  }

  if (question.type === "PDF") {
    // Its own upload form (a file cannot ride along with the step's autosave): the controls here
    // belong to the forms AnswerFileForms renders after the step's form, by their `form` attribute;
    // the step's disabled fieldset disables them when the application can no longer be edited.
    const forms = answerFileFormIds(question.key);
    return (
      <FieldShell
        label={label}
        hint={
          <>
            {help ? <>{help} </> : null}
            {t("questions.fileHint", question.errorParams)}
          </>
        }
        note={
          <div className="file-row">
            {file ? (
              <>
                <FileSummary file={file} />
                <button type="submit" form={forms.remove} name="intent" value="deleteAttachment" className="link-button">
                  {t("apply.documents.delete", { name: file.fileName })}
                </button>
              </>
            ) : (
              <span className="muted">{t("questions.noFile")}</span>
            )}
          </div>
        }
        error={error}
        errorParams={errorParams}
      >
        {(ids) => (
          <span className="upload-form">
            <input type="file" form={forms.upload} name={answerUploadField(question.key)} accept="application/pdf,.pdf" required {...ids} />{" "}
            <button type="submit" form={forms.upload} className="button button-small">
              {t("apply.documents.upload")}
            </button>
          </span>
        )}
      </FieldShell>
    );
  }

  return (
    <FieldShell
      label={label}
      hint={help}
      note={
        question.type === "LONG_TEXT" && question.maxLength !== undefined ? (
          <p className={`field-hint ${length > question.maxLength ? "error-text" : ""}`}>
            {t("apply.charactersLeft", { count: question.maxLength - length })}
          </p>
        ) : null
      }
      error={error}
      errorParams={errorParams}
    >
      {(ids) =>
        question.type === "LONG_TEXT" ? (
          <textarea
            rows={5}
            dir="auto"
            name={name}
            defaultValue={text}
            maxLength={question.maxLength}
            onChange={(event) => setLength(event.currentTarget.value.length)}
            {...ids}
          />
        ) : (
          <input
            dir="auto"
            name={name}
            defaultValue={text}
            {...ids}
            {...(question.type === "NUMBER"
              ? { inputMode: question.integer ? ("numeric" as const) : ("decimal" as const) }
              : question.type === "DATE"
                ? { type: "date" }
                : question.type === "URL"
                  ? { type: "url" }
                  : { maxLength: question.maxLength })}
          />
        )
      }
    </FieldShell>
  );
}
