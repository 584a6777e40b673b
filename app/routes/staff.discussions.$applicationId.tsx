import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { logStaffAccess } from "~/models/access-log.server.ts";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { CheckboxGroup, useValidatedForm } from "~/components/form.tsx";
import { ConsensusFeedback, type ConsensusFormResult } from "~/components/consensus-feedback.tsx";
import { TextAreaField } from "~/components/wizard/fields.tsx";
import type { ParticipantLabel } from "~/domain/discussion.ts";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { consensusFor, nameConsensusLead, proposeConsensus, respondToConsensus } from "~/models/consensus.server.ts";
import { addDiscussionPost, discussionFor, editDiscussionPost, requireDiscussionReader } from "~/models/discussion.server.ts";
import { consensusLeadSchema, consensusProposalSchema, consensusResponseSchema } from "~/schemas/consensus.ts";
import { DISCUSSION_ARRAY_FIELDS, discussionEditSchema, discussionPostSchema } from "~/schemas/discussion.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.discussion.title);

// Functions, not calls at the module's top: the browser bundle drops them with the other server code. A refusal
// (not the application's reviewer, review not submitted yet) is the translated error page.
export const loader = (args: LoaderFunctionArgs) => withUserErrors(load)(args);

async function load({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["ADMIN", "REVIEWER"] });
  const locale = await getLocale(request);
  const [discussion, consensus] = await Promise.all([
    discussionFor(params.applicationId ?? "", user),
    consensusFor(params.applicationId ?? "", user),
  ]);
  if (discussion) logStaffAccess(user.id, "VIEW_APPLICATION", params.applicationId ?? null, "discussion");
  const when = (date: Date) => formatDate(date, locale, "dateTime");
  const dated = ({ createdAt, ...post }: ShownPost) => ({ ...post, createdAtText: when(createdAt) });
  const { openedAt, ...application } = discussion.application;
  return json({
    ...discussion,
    consensus,
    application: { ...application, openedAtText: openedAt ? when(openedAt) : null },
    posts: discussion.posts.map(({ replies, ...post }) => ({ ...dated(post), replies: replies.map(dated) })),
  });
}

type ShownPost = Awaited<ReturnType<typeof discussionFor>>["posts"][number]["replies"][number];

export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: ["ADMIN", "REVIEWER"] });
  const applicationId = params.applicationId ?? "";
  // Who may write, before what they wrote is read (the write checks it again in its transaction).
  await requireDiscussionReader(applicationId, user);
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  if (CONSENSUS_INTENTS.has(intent)) return consensusAction(intent, applicationId, user, formData);
  const editing = intent === "edit";
  const parsed = editing
    ? parseForm(discussionEditSchema, formData)
    : parseForm(discussionPostSchema, formData, { arrays: DISCUSSION_ARRAY_FIELDS });
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  let postId: string;
  if (editing) {
    const edit = parsed.data as { postId: string; body: string };
    await editDiscussionPost(applicationId, user, edit);
    postId = edit.postId;
  } else {
    postId = (await addDiscussionPost(applicationId, user, parsed.data as never)).id;
  }
  return redirectWithFlash(`/staff/discussions/${applicationId}#post-${postId}`, {
    kind: "success",
    key: editing ? "discussion.saved" : "discussion.posted",
  });
}

const CONSENSUS_INTENTS = new Set(["lead", "propose", "respond"]);

/** The consensus feedback's forms: the admin names the lead, the drafter proposes, an approver answers. */
async function consensusAction(intent: string, applicationId: string, user: { id: string; roles: readonly string[] }, formData: FormData) {
  const invalid = (parsed: { errors: Record<string, string>; values: Record<string, unknown> }) =>
    json({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
  let key: "consensus.leadNamed" | "consensus.proposed" | "consensus.answered";
  if (intent === "lead") {
    const parsed = parseForm(consensusLeadSchema, formData);
    if (!parsed.ok) return invalid(parsed);
    await nameConsensusLead(applicationId, user, parsed.data);
    key = "consensus.leadNamed";
  } else if (intent === "propose") {
    const parsed = parseForm(consensusProposalSchema, formData);
    if (!parsed.ok) return invalid(parsed);
    await proposeConsensus(applicationId, user, parsed.data);
    key = "consensus.proposed";
  } else {
    const parsed = parseForm(consensusResponseSchema, formData);
    if (!parsed.ok) return invalid(parsed);
    await respondToConsensus(applicationId, user, parsed.data);
    key = "consensus.answered";
  }
  return redirectWithFlash(`/staff/discussions/${applicationId}#consensus`, { kind: "success", key });
}

/** A participant's name as the reader sees it (the server decided which kind). */
function useLabel() {
  const { t } = useTranslation();
  return (label: ParticipantLabel) =>
    label.kind === "name"
      ? label.name
      : label.kind === "reviewer"
        ? t("discussion.reviewer", { letter: label.letter })
        : t("discussion.system");
}

type Post = ReturnType<typeof useLoaderData<typeof load>>["posts"][number];

function PostView({ post, replying }: { post: Post | Post["replies"][number]; replying: boolean }) {
  const { t } = useTranslation();
  const labelOf = useLabel();
  return (
    <article className="discussion-post" id={`post-${post.id}`}>
      <p className="discussion-meta">
        <strong>{labelOf(post.author)}</strong> {post.mine ? <span className="muted">{t("discussion.you")}</span> : null}{" "}
        <span className="muted">
          {post.createdAtText}
          {post.edited ? ` · ${t("discussion.edited")}` : ""}
        </span>
      </p>
      {post.kind === "OPENED" ? (
        <p>{t("discussion.opened", { date: post.createdAtText })}</p>
      ) : (
        <p className="discussion-body" dir="auto">
          {post.body}
        </p>
      )}
      <p className="discussion-actions">
        {replying ? (
          <Link to={`?reply=${post.id}#composer`} aria-label={`${t("discussion.reply")} — ${labelOf(post.author)}`}>
            {t("discussion.reply")}
          </Link>
        ) : null}
        {post.editable ? (
          <Link to={`?edit=${post.id}#composer`} aria-label={`${t("discussion.edit")} — ${post.createdAtText}`}>
            {t("discussion.edit")}
          </Link>
        ) : null}
      </p>
    </article>
  );
}

/** An application's discussion, for its reviewers who submitted and for admins (issue 18). */
export default function Discussion() {
  const data = useLoaderData<typeof load>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const labelOf = useLabel();
  const [searchParams] = useSearchParams();
  const all = data.posts.flatMap((post) => [post, ...post.replies]);
  const editing = all.find((post) => post.id === searchParams.get("edit") && post.editable) ?? null;
  const replyingTo = editing ? null : (data.posts.find((post) => post.id === searchParams.get("reply")) ?? null);
  // A post of one of the page's forms came back refused: the form it came from shows why, with what was typed.
  const returned = actionData ? { ...actionData, values: (actionData.values ?? {}) as Record<string, string> } : null;
  const intent = returned ? String(returned.values.intent ?? ("intent" in returned ? returned.intent : "")) : "";
  const forConsensus: ConsensusFormResult | null =
    returned && CONSENSUS_INTENTS.has(intent)
      ? { intent, errors: returned.errors ?? {}, values: returned.values, message: "message" in returned ? returned.message : undefined }
      : null;
  const values = forConsensus ? {} : (returned?.values ?? {});
  const { form, onSubmit, errorFor } = useValidatedForm(editing ? discussionEditSchema : discussionPostSchema, {
    defaultValues: { body: values.body ?? editing?.body ?? "", mentions: [] } as never,
    serverErrors: forConsensus ? undefined : actionData?.errors,
  });
  const back = data.isAdmin
    ? { to: `/admin/applications/${data.application.id}`, label: t("discussion.backToApplication") }
    : { to: `/reviewer/assignments/${data.ownAssignmentId}`, label: t("discussion.backToReview") };

  return (
    <div className="stack">
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
      <h1 dir="auto">{t("discussion.heading", { projectName: data.application.projectName })}</h1>
      <p className="muted">{t("discussion.intro")}</p>

      {data.posts.length === 0 ? <p>{t("discussion.empty")}</p> : null}
      <ol className="discussion stack">
        {data.posts.map((post) => (
          <li key={post.id}>
            <PostView post={post} replying={post.kind === "POST"} />
            {post.replies.length > 0 ? (
              <ol className="discussion-replies stack" aria-label={t("discussion.replies")}>
                {post.replies.map((reply) => (
                  <li key={reply.id}>
                    <PostView post={reply} replying={false} />
                  </li>
                ))}
              </ol>
            ) : null}
          </li>
        ))}
      </ol>

      <section className="card stack" aria-labelledby="composer">
        <h2 id="composer" tabIndex={-1}>
          {editing
            ? t("discussion.editPost")
            : replyingTo
              ? t("discussion.replyTo", { author: labelOf(replyingTo.author) })
              : t("discussion.newPost")}
        </h2>
        {/* Keyed by what it writes: switching from a reply to an edit starts a fresh form. */}
        <Form method="post" noValidate onSubmit={onSubmit} className="stack" key={editing?.id ?? replyingTo?.id ?? "new"}>
          {editing ? (
            <>
              <input type="hidden" name="intent" value="edit" />
              <input type="hidden" {...form.register("postId")} value={editing.id} />
            </>
          ) : (
            <>
              <input type="hidden" name="intent" value="post" />
              {replyingTo ? <input type="hidden" {...form.register("parentId")} value={replyingTo.id} /> : null}
            </>
          )}
          <TextAreaField
            label={t("discussion.body")}
            hint={t("discussion.bodyHint")}
            error={errorFor("body")}
            registration={form.register("body")}
          />
          {!editing && data.mentionable.length > 0 ? (
            <>
              <CheckboxGroup
                legend={t("discussion.mentions")}
                error={errorFor("mentions")}
                registration={form.register("mentions")}
                options={data.mentionable.map((person) => ({ value: person.id, label: labelOf(person.label) }))}
              />
              <p className="field-hint">{t("discussion.mentionsHint")}</p>
            </>
          ) : null}
          <div className="actions">
            <button type="submit" className="button">
              {editing ? t("discussion.save") : t("discussion.post")}
            </button>
            {editing || replyingTo ? (
              <Link to="?#composer" className="button button-secondary">
                {t("discussion.cancel")}
              </Link>
            ) : null}
          </div>
        </Form>
      </section>

      <ConsensusFeedback consensus={data.consensus} labelOf={labelOf} result={forConsensus} />
    </div>
  );
}
