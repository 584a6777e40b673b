import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod/mini";
import { requireUser } from "~/auth/guards.server.ts";
import { DataTable } from "~/components/data-table.tsx";
import { errorId, FieldError } from "~/components/form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { plainText } from "~/domain/call-texts.ts";
import { ERASURE_REASON_MAX } from "~/domain/erasure.ts";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { decideErasure, pendingErasures } from "~/models/erasure.server.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.erasureAdmin.title);

const PAGE = "/admin/erasure-requests";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const locale = await getLocale(request);
  const requests = await pendingErasures();
  return json({
    // Dates and call titles written here, on the server, in the reader's language.
    requests: requests.map((item) => ({
      id: item.id,
      name: item.user.name,
      email: item.user.email,
      requestedAtText: formatDate(item.requestedAt, locale, "dateTime"),
      blocking: item.blocking.map((application) => ({
        id: application.id,
        projectName: application.projectName,
        callTitle: plainText(application.callTitle, locale),
        status: application.status,
        block: application.block,
      })),
    })),
  });
}

/**
 * What a decision posts: which request, approve or refuse, and a refusal's reason (required for a refusal: the
 * model's rule, answered beside the field). Built when the action runs: the page's bundle needs no zod.
 */
function decisionSchema() {
  const formInvalid = "staffErrors.formInvalid";
  return z.object({
    intent: z.enum(["approve", "refuse"], { error: formInvalid }),
    requestId: z.string({ error: formInvalid }).check(z.minLength(1, formInvalid), z.maxLength(64, formInvalid)),
    reason: z._default(z.string(), ""),
  });
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const formData = await readFormData(request);
  const parsed = parseForm(decisionSchema(), formData);
  if (!parsed.ok)
    return json({ message: "staffErrors.formInvalid" as const, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { intent, requestId, reason } = parsed.data;
  await decideErasure(requestId, admin, intent === "approve", reason, new Date());
  return redirectWithFlash(PAGE, { kind: "success", key: intent === "approve" ? "erasureAdmin.approved" : "erasureAdmin.refused" });
}

type Reply = { message?: string; errors?: Record<string, string>; values?: Record<string, string> };
type RequestRow = ReturnType<typeof useLoaderData<typeof loader>>["requests"][number];

/** One request's two decisions: approve (the erasure, at once), or refuse with a reason the person will read. */
function Decision({ row, reply }: { row: RequestRow; reply: Reply | undefined }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const mine = reply?.values?.requestId === row.id ? reply : undefined;
  const reasonError = mine?.errors?.reason;
  const fieldId = `erasure-reason-${row.id}`;
  const busy = navigation.state !== "idle";
  return (
    <div className="stack">
      <Form method="post">
        <input type="hidden" name="requestId" value={row.id} />
        <button
          type="submit"
          name="intent"
          value="approve"
          className="button button-small"
          disabled={busy}
          aria-label={t("erasureAdmin.approveLabel", { name: row.name })}
        >
          {t("erasureAdmin.approve")}
        </button>
      </Form>
      <Form method="post" className="stack">
        <input type="hidden" name="requestId" value={row.id} />
        <div className="field">
          <label htmlFor={fieldId}>{t("erasureAdmin.reason")}</label>
          <textarea
            id={fieldId}
            name="reason"
            rows={2}
            dir="auto"
            required
            maxLength={ERASURE_REASON_MAX}
            defaultValue={mine?.values?.reason ?? ""}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? errorId(fieldId) : undefined}
          />
          <FieldError name={fieldId} error={reasonError} />
        </div>
        <div>
          <button
            type="submit"
            name="intent"
            value="refuse"
            className="button button-small button-secondary"
            disabled={busy}
            aria-label={t("erasureAdmin.refuseLabel", { name: row.name })}
          >
            {t("erasureAdmin.refuse")}
          </button>
        </div>
      </Form>
    </div>
  );
}

/** Erasure requests an application of the person blocks (issue 20): an admin approves or refuses each. */
export default function ErasureRequests() {
  const { requests } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const { t } = useTranslation();
  // A refusal the form shows beside its field is not repeated above.
  const message = reply?.message && !reply.errors?.reason ? reply.message : undefined;
  return (
    <section className="stack">
      <h1>{t("erasureAdmin.title")}</h1>
      <p className="muted">{t("erasureAdmin.intro")}</p>
      {message ? <FormMessage kind="error">{t(message as "staffErrors.formInvalid")}</FormMessage> : null}
      <DataTable
        caption={t("erasureAdmin.caption")}
        captionHidden
        rows={requests}
        rowKey={(row) => row.id}
        emptyMessage={t("erasureAdmin.empty")}
        columns={[
          {
            key: "person",
            header: t("erasureAdmin.person"),
            rowHeader: true,
            userText: true,
            cell: (row) => (
              <>
                {row.name}
                <br />
                <span dir="ltr">{row.email}</span>
              </>
            ),
          },
          { key: "requestedAt", header: t("erasureAdmin.requestedAt"), cell: (row) => row.requestedAtText },
          {
            key: "blocking",
            header: t("erasureAdmin.blocking"),
            cell: (row) =>
              row.blocking.length === 0 ? (
                t("erasureAdmin.noneBlocking")
              ) : (
                <ul className="plain-list stack">
                  {row.blocking.map((application) => (
                    <li key={application.id}>
                      <Link to={`/admin/applications/${application.id}`} dir="auto">
                        {application.projectName || t("apply.untitled")}
                      </Link>{" "}
                      — <span dir="auto">{application.callTitle}</span> — {t(`statuses.${application.status}`)} (
                      {t(`erasure.blocks.${application.block}`)})
                    </li>
                  ))}
                </ul>
              ),
          },
          { key: "decision", header: t("erasureAdmin.decision"), cell: (row) => <Decision row={row} reply={reply} /> },
        ]}
      />
    </section>
  );
}
