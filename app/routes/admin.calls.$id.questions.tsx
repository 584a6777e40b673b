// A call's own questions and eligibility rules (issue 15): the admin lists, adds, edits (one question's
// form open at a time, ?edit=<id>; one rule's, ?rule=<id>), orders and removes them; sees the rules
// in words and the founders' form previewed in the three languages. Every change is checked and
// audited by app/models/call-questions.server.ts, in its transaction; a refused post shows its errors
// beside their fields and keeps what was typed. Plain form posts: the page works without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { FormMessage } from "~/components/form-message.tsx";
import { questionEditorData } from "~/components/question-editor/editor-data.server.ts";
import {
  postedQuestionValues,
  postedRuleValues,
  QUESTION_LIST_FIELDS,
  questionFieldOf,
  questionFormSchema,
  questionFormValues,
  RULE_LIST_FIELDS,
  ruleFieldOf,
  ruleFormSchema,
  ruleFormValues,
  withoutBlankLines,
  type FieldMessage,
  type QuestionFormValues,
  type RuleFormValues,
} from "~/components/question-editor/editor-forms.ts";
import { QuestionForm } from "~/components/question-editor/question-form.tsx";
import { QuestionPreview } from "~/components/question-editor/question-preview.tsx";
import { RuleForm } from "~/components/question-editor/rule-form.tsx";
import { ShownTextView } from "~/components/shown-text.tsx";
import { showCallText } from "~/domain/call-texts.ts";
import { UserError, type MessageParams } from "~/domain/errors.ts";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import type { TranslationKey } from "~/i18n/keys.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { getCallForAdmin } from "~/models/call.server.ts";
import {
  callHasSubmission,
  moveQuestion,
  readQuestionnaire,
  removeEligibilityRule,
  removeQuestion,
  saveEligibilityRule,
  saveQuestion,
} from "~/models/call-questions.server.ts";
import { listSites } from "~/models/reference-data.server.ts";
import { formDataToObject, parseForm, readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.questionEditor.title);

const questionsPath = (callId: string) => `/admin/calls/${callId}/questions`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const call = ensureFound(await getCallForAdmin(params.id ?? ""));
  const [questionnaire, frozen, allSites, locale] = await Promise.all([
    readQuestionnaire(call.id),
    callHasSubmission(call.id),
    listSites(),
    getLocale(request),
  ]);
  const search = new URL(request.url).searchParams;
  const editing = questionnaire.questions.find((question) => question.id === search.get("edit"));
  const editingRule = questionnaire.rules.find((rule) => rule.id === search.get("rule"));
  return json({
    call: { id: call.id, title: showCallText(call, "title", locale) },
    frozen,
    ...questionEditorData(questionnaire, { allSites, cohortSiteIds: call.cohorts.map((cohort) => cohort.siteId) }, locale),
    editing: editing ? { id: editing.id, values: questionFormValues(editing) } : null,
    editingRule: editingRule ? { id: editingRule.id, values: ruleFormValues(editingRule) } : null,
  });
}

type Intent = "saveQuestion" | "removeQuestion" | "moveUp" | "moveDown" | "saveRule" | "removeRule";

/** A refused post: the form it came from, its errors by field and, for a question or rule form, what was typed. */
export type EditorReply = {
  ok: false;
  intent: string;
  /** The question or rule the form was about; null for a new one. */
  targetId: string | null;
  /** About the whole form, or the page for a move or a removal. */
  message: TranslationKey | null;
  params: MessageParams;
  errors: Record<string, FieldMessage>;
  question: QuestionFormValues | null;
  rule: RuleFormValues | null;
};

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

/**
 * A refusal by the questionnaire's rules (definitions, freezing) from the model, as the reply's
 * message or the error of the form field that `fieldOf` names (of the model's path); anything else is thrown on.
 */
function refusalOf(error: unknown, fieldOf: (path: string) => string): Pick<EditorReply, "message" | "params" | "errors"> {
  if (!(error instanceof UserError) || error.status !== 422) throw error;
  const field = fieldOf(error.field ?? "form");
  const params = error.params ?? {};
  if (field === "form") return { message: error.key, params, errors: {} };
  return { message: null, params: {}, errors: { [field]: { key: error.key, params } } };
}

const byField = (errors: Record<string, string>) =>
  Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, { key } satisfies FieldMessage]));

async function handleAction({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const call = ensureFound(await getCallForAdmin(params.id ?? ""));
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "") as Intent;
  const questionId = String(formData.get("questionId") ?? "") || null;
  const ruleId = String(formData.get("ruleId") ?? "") || null;
  const refuse = (status: number, body: Partial<EditorReply>) =>
    json<EditorReply>(
      { ok: false, intent, targetId: null, message: null, params: {}, errors: {}, question: null, rule: null, ...body },
      { status },
    );
  const done = (key: TranslationKey) => redirectWithFlash(questionsPath(call.id), { kind: "success", key });

  switch (intent) {
    case "saveQuestion": {
      const posted = formDataToObject(formData, QUESTION_LIST_FIELDS);
      const reply = { targetId: questionId, question: postedQuestionValues(posted) };
      const parsed = parseForm(questionFormSchema, formData, { arrays: QUESTION_LIST_FIELDS });
      if (!parsed.ok) return refuse(400, { ...reply, errors: byField(parsed.errors) });
      const { lineOf } = withoutBlankLines(posted);
      try {
        await saveQuestion(call.id, questionId, parsed.data, admin.id);
      } catch (error) {
        return refuse(422, { ...reply, ...refusalOf(error, (path) => questionFieldOf(path, lineOf)) });
      }
      return done(questionId ? "questionEditor.questionSaved" : "questionEditor.questionAdded");
    }
    case "removeQuestion":
    case "moveUp":
    case "moveDown": {
      try {
        if (intent === "removeQuestion") await removeQuestion(call.id, questionId ?? "", admin.id);
        else await moveQuestion(call.id, questionId ?? "", intent === "moveUp" ? "up" : "down", admin.id);
      } catch (error) {
        // Said on the page: the question moved or removed is not the one whose form is open.
        return refuse(422, { targetId: questionId, ...refusalOf(error, () => "form") });
      }
      return done(intent === "removeQuestion" ? "questionEditor.questionRemoved" : "questionEditor.questionMoved");
    }
    case "saveRule": {
      const reply = { targetId: ruleId, rule: postedRuleValues(formDataToObject(formData, RULE_LIST_FIELDS)) };
      const parsed = parseForm(ruleFormSchema, formData, { arrays: RULE_LIST_FIELDS });
      if (!parsed.ok) return refuse(400, { ...reply, errors: byField(parsed.errors) });
      try {
        await saveEligibilityRule(call.id, ruleId, parsed.data, admin.id);
      } catch (error) {
        return refuse(422, { ...reply, ...refusalOf(error, ruleFieldOf) });
      }
      return done(ruleId ? "questionEditor.ruleSaved" : "questionEditor.ruleAdded");
    }
    case "removeRule": {
      try {
        await removeEligibilityRule(call.id, ruleId ?? "", admin.id);
      } catch (error) {
        return refuse(422, { targetId: ruleId, ...refusalOf(error, () => "form") });
      }
      return done("questionEditor.ruleRemoved");
    }
    default:
      return refuse(400, { message: "staffErrors.formInvalid" });
  }
}

export default function QuestionEditorPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const page = questionsPath(data.call.id);
  // A refusal of this page's own (EditorReply), or one answered by withUserErrors (a question gone, a busy database).
  const reply = actionData && "intent" in actionData ? actionData : null;
  const refusal = actionData && !("intent" in actionData) ? actionData : null;
  const pageMessage =
    reply && reply.intent !== "saveQuestion" && reply.intent !== "saveRule" && reply.message
      ? { key: reply.message, params: reply.params }
      : refusal
        ? { key: refusal.message, params: refusal.params }
        : null;
  const questionReply = reply?.intent === "saveQuestion" ? reply : null;
  const ruleReply = reply?.intent === "saveRule" ? reply : null;
  const formErrors = (replied: EditorReply | null, targetId: string | null) =>
    replied && replied.targetId === targetId
      ? { ...replied.errors, ...(replied.message ? { form: { key: replied.message, params: replied.params } } : {}) }
      : null;
  const editingId = data.editing?.id ?? null;
  const editingRuleId = data.editingRule?.id ?? null;
  const indexOf = new Map(data.questions.map((question, index) => [question.id, index]));
  /** What a condition of the question at `index` can compare with: the questions asked before it. */
  const targetsBefore = (index: number) => data.conditionTargets.filter((target) => (indexOf.get(target.id) ?? Infinity) < index);
  const questionFormProps = { sites: data.sites, sectors: data.sectors, steps: data.steps, frozen: data.frozen };

  return (
    <div className="stack">
      <p>
        <Link to={`/admin/calls/${data.call.id}`}>
          <ShownTextView value={data.call.title} />
        </Link>
      </p>
      <h1>{t("questionEditor.title")}</h1>
      <p className="muted">{t("questionEditor.intro")}</p>
      {data.frozen ? (
        <p className="form-message" role="note">
          {t("questionEditor.frozenNotice")}
        </p>
      ) : null}
      {pageMessage ? <FormMessage kind="error">{t(pageMessage.key, pageMessage.params)}</FormMessage> : null}

      <section className="stack" aria-labelledby="questions-title">
        <h2 id="questions-title">{t("questionEditor.questionsHeading")}</h2>
        {data.questions.length === 0 ? <p className="muted">{t("questionEditor.noQuestions")}</p> : null}
        <ol className="stack">
          {data.questions.map((question, index) => (
            <li key={question.id} id={`question-${question.id}`} className="card stack">
              <p>
                <strong>
                  <ShownTextView value={question.label} />
                </strong>{" "}
                <code>{question.key}</code>
              </p>
              <p className="muted">
                {t(`questionEditor.types.${question.type}`)} ·{" "}
                {question.step === "questions" || question.step === "eligibility"
                  ? t(`questionEditor.steps.${question.step}`)
                  : question.step}{" "}
                · {question.required ? t("questionEditor.flagRequired") : t("questionEditor.flagOptional")}
                {question.identifying ? ` · ${t("questionEditor.flagIdentifying")}` : null}
              </p>
              <p>
                {question.condition.length === 0
                  ? t("questionEditor.alwaysShown")
                  : question.condition.map((part) => t(part.key, part.params)).join(" · ")}
              </p>
              <Form method="post" action={page} className="wizard-actions">
                <input type="hidden" name="questionId" value={question.id} />
                {editingId === question.id ? (
                  <Link to={page}>{t("questionEditor.cancel")}</Link>
                ) : (
                  <Link to={`${page}?edit=${question.id}`} aria-label={t("questionEditor.editNamed", { key: question.key })}>
                    {t("questionEditor.edit")}
                  </Link>
                )}
                <button
                  type="submit"
                  name="intent"
                  value="moveUp"
                  className="button button-small button-secondary"
                  disabled={index === 0}
                  aria-label={t("questionEditor.moveUpNamed", { key: question.key })}
                >
                  {t("questionEditor.moveUp")}
                </button>
                <button
                  type="submit"
                  name="intent"
                  value="moveDown"
                  className="button button-small button-secondary"
                  disabled={index === data.questions.length - 1}
                  aria-label={t("questionEditor.moveDownNamed", { key: question.key })}
                >
                  {t("questionEditor.moveDown")}
                </button>
                <button
                  type="submit"
                  name="intent"
                  value="removeQuestion"
                  className="button button-small button-secondary"
                  aria-label={t("questionEditor.removeNamed", { key: question.key })}
                >
                  {t("questionEditor.remove")}
                </button>
              </Form>
              {data.editing && editingId === question.id ? (
                <QuestionForm
                  key={question.id}
                  questionId={question.id}
                  values={questionReply?.targetId === question.id && questionReply.question ? questionReply.question : data.editing.values}
                  errors={formErrors(questionReply, question.id) ?? {}}
                  conditionTargets={targetsBefore(index)}
                  cancelTo={page}
                  {...questionFormProps}
                />
              ) : null}
            </li>
          ))}
        </ol>
        <QuestionForm
          // A new key once a question is added: the empty form starts afresh instead of keeping what was just saved.
          key={`new-question:${data.questions.map((question) => question.id).join(",")}`}
          questionId={null}
          values={questionReply?.targetId === null && questionReply.question ? questionReply.question : questionFormValues()}
          errors={formErrors(questionReply, null) ?? {}}
          conditionTargets={data.conditionTargets}
          {...questionFormProps}
        />
      </section>

      <section className="stack" aria-labelledby="rules-title">
        <h2 id="rules-title">{t("questionEditor.rulesHeading")}</h2>
        <p className="muted">{t("questionEditor.rulesIntro")}</p>
        {data.rules.length === 0 ? <p className="muted">{t("questionEditor.noRules")}</p> : null}
        <ul className="stack">
          {data.rules.map((rule) => (
            <li key={rule.id} id={`rule-${rule.id}`} className="card stack">
              <p>{rule.description ? t(rule.description.key, rule.description.params) : rule.questionKey}</p>
              {rule.message ? (
                <p className="muted">
                  {t("questionEditor.ruleMessageShown")} <ShownTextView value={rule.message} />
                </p>
              ) : null}
              <Form method="post" action={page} className="wizard-actions">
                <input type="hidden" name="ruleId" value={rule.id} />
                {editingRuleId === rule.id ? (
                  <Link to={page}>{t("questionEditor.cancel")}</Link>
                ) : (
                  <Link to={`${page}?rule=${rule.id}`}>{t("questionEditor.edit")}</Link>
                )}
                <button type="submit" name="intent" value="removeRule" className="button button-small button-secondary">
                  {t("questionEditor.remove")}
                </button>
              </Form>
              {data.editingRule && editingRuleId === rule.id ? (
                <RuleForm
                  key={rule.id}
                  ruleId={rule.id}
                  values={ruleReply?.targetId === rule.id && ruleReply.rule ? ruleReply.rule : data.editingRule.values}
                  errors={formErrors(ruleReply, rule.id) ?? {}}
                  targets={data.ruleTargets}
                  frozen={data.frozen}
                  cancelTo={page}
                />
              ) : null}
            </li>
          ))}
        </ul>
        {data.ruleTargets.length === 0 ? (
          <p className="muted">{t("questionEditor.noEligibilityQuestions")}</p>
        ) : (
          <RuleForm
            key={`new-rule:${data.rules.map((rule) => rule.id).join(",")}`}
            ruleId={null}
            values={ruleReply?.targetId === null && ruleReply.rule ? ruleReply.rule : ruleFormValues()}
            errors={formErrors(ruleReply, null) ?? {}}
            targets={data.ruleTargets}
            frozen={data.frozen}
          />
        )}
      </section>

      <section className="stack" aria-labelledby="preview-title">
        <h2 id="preview-title">{t("questionEditor.previewHeading")}</h2>
        <p className="muted">{t("questionEditor.previewIntro")}</p>
        <QuestionPreview languages={data.preview} />
      </section>
    </div>
  );
}
