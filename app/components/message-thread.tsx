// The thread between an application's team and the staff (issue 18), as both sides read it, and its form.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useValidatedForm } from "~/components/form.tsx";
import { TextAreaField } from "~/components/wizard/fields.tsx";
import { messageSchema } from "~/schemas/message.ts";

export type ThreadMessage = { id: string; body: string; fromStaff: boolean; authorName: string; createdAtText: string };

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
  const { form, onSubmit, errorFor } = useValidatedForm(messageSchema, {
    defaultValues: { body: typeof result?.values?.body === "string" ? result.values.body : "" },
    serverErrors: result?.errors,
  });
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
            </article>
          </li>
        ))}
      </ol>
      <Form method="post" noValidate onSubmit={onSubmit} className="card stack">
        <TextAreaField label={formLabel} hint={t("messages.bodyHint")} error={errorFor("body")} registration={form.register("body")} />
        <div className="actions">
          <button type="submit" className="button">
            {submitLabel}
          </button>
        </div>
      </Form>
    </>
  );
}
