// The thread between an application's team and the staff (issue 18), as both sides read it, and its form.
import { Form, useFormAction, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FileSummary } from "~/components/file-summary.tsx";
import { FieldShell, useValidatedForm } from "~/components/form.tsx";
import { TextAreaField } from "~/components/wizard/fields.tsx";
import { MESSAGE_FILE_FIELD, messageSchema } from "~/schemas/message.ts";
import { MAX_UPLOAD_BYTES } from "~/storage/file-type.ts";

export type ThreadMessage = {
  id: string;
  body: string;
  fromStaff: boolean;
  authorName: string;
  createdAtText: string;
  attachments: Array<{ id: string; fileName: string; size: number }>;
};

export function MessageThread({
  messages,
  formLabel,
  submitLabel,
  result,
}: {
  messages: ThreadMessage[];
  formLabel: string;
  submitLabel: string;
  /** A refused post: its errors, and what was typed. */
  result: { errors?: Record<string, string>; values?: Record<string, unknown> } | undefined;
}) {
  const { t } = useTranslation();
  const { form, errorFor } = useValidatedForm(messageSchema, {
    defaultValues: { body: typeof result?.values?.body === "string" ? result.values.body : "" },
    serverErrors: result?.errors,
  });
  const submit = useSubmit();
  // The form's own submit (useValidatedForm's posts urlencoded, which would drop the file): checked like
  // the server checks it, and a file over the cap refused before it is sent — the server refuses a body
  // declared that large before reading the message, which would then be lost.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const target = event.currentTarget;
    void form.handleSubmit(() => {
      const chosen = (target.elements.namedItem(MESSAGE_FILE_FIELD) as HTMLInputElement | null)?.files?.[0];
      if (chosen && chosen.size > MAX_UPLOAD_BYTES) {
        form.setError(MESSAGE_FILE_FIELD as never, { type: "size", message: "errors.fileTooLarge" });
        return;
      }
      void submit(target, { method: "post", encType: "multipart/form-data" });
    })(event);
  };
  // Once a post went through (the page reloaded with no refusal), the form empties: the PDF sent stays
  // chosen otherwise, and would go again with the next message.
  const navigation = useNavigation();
  const action = useFormAction();
  const formRef = useRef<HTMLFormElement>(null);
  const posting = useRef(false);
  const { reset } = form;
  useEffect(() => {
    if (navigation.state !== "idle") {
      // This form's post only (another form of the page, the language's say, must not empty it).
      if (navigation.formAction === action) posting.current = true;
      return;
    }
    if (!posting.current) return;
    posting.current = false;
    if (result?.errors) return;
    formRef.current?.reset();
    reset({ body: "" });
  }, [navigation.state, navigation.formAction, action, result, reset]);
  return (
    <>
      {messages.length === 0 ? <p>{t("messages.empty")}</p> : null}
      <ol className="discussion stack">
        {messages.map((message) => (
          <li key={message.id}>
            <article className="discussion-post" id={`message-${message.id}`}>
              <p className="discussion-meta">
                <strong dir="auto">{message.fromStaff ? t("messages.fromStaff", { name: message.authorName }) : message.authorName}</strong>{" "}
                <span className="muted">{message.createdAtText}</span>
              </p>
              <p className="discussion-body" dir="auto">
                {message.body}
              </p>
              {message.attachments.length > 0 ? (
                <ul className="plain-list" aria-label={t("messages.attachments")}>
                  {message.attachments.map((file) => (
                    <li key={file.id} className="file-row">
                      <FileSummary file={file} href={`/messages/files/${file.id}`} />
                    </li>
                  ))}
                </ul>
              ) : null}
            </article>
          </li>
        ))}
      </ol>
      {/* The file input comes after the text: a refused file stops the reading of the form, the text already read. */}
      <Form ref={formRef} method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit} className="card stack">
        <TextAreaField label={formLabel} hint={t("messages.bodyHint")} error={errorFor("body")} registration={form.register("body")} />
        <FieldShell label={t("messages.file")} hint={t("messages.fileHint")} error={errorFor(MESSAGE_FILE_FIELD)}>
          {(ids) => <input type="file" name={MESSAGE_FILE_FIELD} accept="application/pdf,.pdf" {...ids} />}
        </FieldShell>
        <div className="actions">
          <button type="submit" className="button">
            {submitLabel}
          </button>
        </div>
      </Form>
    </>
  );
}
