// The consensus feedback section of an application's discussion page (issue 18): the reviewers' notes side by
// side, the text proposed for the founder and where its approval stands, and the forms of whoever may act —
// the admin naming a lead reviewer, the drafter proposing a text, an approver approving or asking for changes.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { choiceProps, ChoiceGroup, SelectField, useValidatedForm } from "~/components/form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { TextAreaField } from "~/components/wizard/fields.tsx";
import type { ParticipantLabel } from "~/domain/discussion.ts";
import { consensusLeadSchema, consensusProposalSchema, consensusResponseSchema } from "~/schemas/consensus.ts";

export type ConsensusView = {
  notes: Array<{ reviewer: ParticipantLabel; note: string }>;
  text: string;
  version: number;
  state: "none" | "awaiting" | "approved";
  proposedBy: ParticipantLabel | null;
  pending: ParticipantLabel[];
  responses: Array<{ reviewer: ParticipantLabel; approved: boolean; comment: string }>;
  lead: { id: string; label: ParticipantLabel } | null;
  leadOptions: Array<{ id: string; label: ParticipantLabel }>;
  isAdmin: boolean;
  canDraft: boolean;
  canRespond: boolean;
};

/** What a refused or invalid consensus form post sent back: its intent, field errors, what was typed. */
export type ConsensusFormResult = { intent: string; errors: Record<string, string>; values: Record<string, string>; message?: string };

export function ConsensusFeedback({
  consensus,
  labelOf,
  result,
}: {
  consensus: ConsensusView;
  labelOf: (label: ParticipantLabel) => string;
  result: ConsensusFormResult | null;
}) {
  const { t } = useTranslation();
  const resultOf = (intent: string) => (result?.intent === intent ? result : null);
  const refusal = result?.message && Object.keys(result.errors).length === 0 ? result.message : null;
  const proposer = consensus.proposedBy ? labelOf(consensus.proposedBy) : "";
  return (
    <section className="card stack" aria-labelledby="consensus">
      <h2 id="consensus" tabIndex={-1}>
        {t("consensus.heading")}
      </h2>
      <p className="muted">{t("consensus.intro")}</p>
      {refusal ? <FormMessage kind="error">{t(refusal as never)}</FormMessage> : null}

      <h3>{t("consensus.notes")}</h3>
      <div className="consensus-notes">
        {consensus.notes.map((note, index) => (
          <article key={index} className="consensus-note">
            <h4>{labelOf(note.reviewer)}</h4>
            {note.note ? (
              <p dir="auto" className="discussion-body">
                {note.note}
              </p>
            ) : (
              <p className="muted">{t("consensus.noNote")}</p>
            )}
          </article>
        ))}
      </div>

      {consensus.isAdmin ? (
        <LeadForm consensus={consensus} labelOf={labelOf} result={resultOf("lead")} />
      ) : consensus.lead ? (
        <p>{t("consensus.leadIs", { name: labelOf(consensus.lead.label) })}</p>
      ) : null}

      {consensus.state === "none" ? (
        <p>{t("consensus.none")}</p>
      ) : (
        <>
          <p className={consensus.state === "approved" ? "form-message form-message-success" : undefined}>
            {consensus.state === "approved"
              ? t("consensus.approved", { version: consensus.version, proposer })
              : t("consensus.awaiting", {
                  version: consensus.version,
                  proposer,
                  pending: consensus.pending.map(labelOf).join(", "),
                })}
          </p>
          <blockquote className="consensus-text" dir="auto">
            {consensus.text}
          </blockquote>
          {consensus.responses.length > 0 ? (
            <>
              <h3>{t("consensus.responses")}</h3>
              <ul className="stack">
                {consensus.responses.map((response, index) => (
                  <li key={index}>
                    {response.approved
                      ? t("consensus.approvedBy", { name: labelOf(response.reviewer) })
                      : t("consensus.commentedBy", { name: labelOf(response.reviewer) })}{" "}
                    {response.comment ? <q dir="auto">{response.comment}</q> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}

      {consensus.canRespond ? <ResponseForm version={consensus.version} result={resultOf("respond")} /> : null}
      {consensus.canDraft ? <ProposalForm consensus={consensus} result={resultOf("propose")} /> : null}
    </section>
  );
}

function LeadForm({
  consensus,
  labelOf,
  result,
}: {
  consensus: ConsensusView;
  labelOf: (label: ParticipantLabel) => string;
  result: ConsensusFormResult | null;
}) {
  const { t } = useTranslation();
  const { form, onSubmit, errorFor } = useValidatedForm(consensusLeadSchema, {
    defaultValues: { leadReviewerId: result?.values.leadReviewerId ?? consensus.lead?.id ?? "" },
    serverErrors: result?.errors,
  });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="inline-form">
      <input type="hidden" name="intent" value="lead" />
      <SelectField
        label={t("consensus.lead")}
        error={errorFor("leadReviewerId")}
        registration={form.register("leadReviewerId")}
        options={[
          { value: "", label: t("consensus.noLead") },
          ...consensus.leadOptions.map((option) => ({ value: option.id, label: labelOf(option.label) })),
        ]}
      />
      <button type="submit" className="button button-secondary">
        {t("consensus.nameLead")}
      </button>
    </Form>
  );
}

function ProposalForm({ consensus, result }: { consensus: ConsensusView; result: ConsensusFormResult | null }) {
  const { t } = useTranslation();
  const { form, onSubmit, errorFor } = useValidatedForm(consensusProposalSchema, {
    defaultValues: { text: result?.values.text ?? consensus.text, expectedVersion: consensus.version },
    serverErrors: result?.errors,
  });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack" key={consensus.version}>
      <input type="hidden" name="intent" value="propose" />
      <input type="hidden" {...form.register("expectedVersion")} value={consensus.version} />
      <TextAreaField
        label={t("consensus.text")}
        hint={t("consensus.textHint")}
        error={errorFor("text")}
        registration={form.register("text")}
      />
      <div className="actions">
        <button type="submit" className="button">
          {t("consensus.propose")}
        </button>
      </div>
    </Form>
  );
}

function ResponseForm({ version, result }: { version: number; result: ConsensusFormResult | null }) {
  const { t } = useTranslation();
  const { form, onSubmit, errorFor } = useValidatedForm(consensusResponseSchema, {
    defaultValues: {
      version,
      answer: (result?.values.answer as "approve" | "comment" | undefined) ?? undefined,
      comment: result?.values.comment ?? "",
    },
    serverErrors: result?.errors,
  });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack" key={version}>
      <input type="hidden" name="intent" value="respond" />
      <input type="hidden" {...form.register("version")} value={version} />
      <ChoiceGroup legend={t("consensus.answer")} name="answer" error={errorFor("answer")}>
        <label className="choice">
          <input type="radio" {...choiceProps(form as never, "answer", "approve")} /> {t("consensus.approve")}
        </label>
        <label className="choice">
          <input type="radio" {...choiceProps(form as never, "answer", "comment")} /> {t("consensus.requestChanges")}
        </label>
      </ChoiceGroup>
      <TextAreaField label={t("consensus.comment")} error={errorFor("comment")} registration={form.register("comment")} />
      <div className="actions">
        <button type="submit" className="button">
          {t("consensus.send")}
        </button>
      </div>
    </Form>
  );
}
