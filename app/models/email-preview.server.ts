// Who will be emailed, before it happens (issue 18): the emails a bulk move or a release would queue (found
// by running it and rolling it back, emailsWithoutSending), as the admin sees them before confirming — how
// many, to whom, and one of each kind rendered in each language exactly as it will be sent.
import { renderEmail, type EmailTemplate } from "../../emails/render.tsx";
import { EMAIL_RECIPIENTS_LISTED, toLocale, type Locale } from "~/domain/constants.ts";
import type { OutboxMessage } from "~/email/outbox.server.ts";
import { wordingsInUse } from "./email-template.server.ts";

export type EmailsPreview = {
  count: number;
  recipients: Array<{ key: string; name: string; email: string; locale: Locale; template: string }>;
  emails: Array<{ key: string; template: string; locale: Locale; count: number; subject: string; html: string; text: string }>;
};

export async function previewOfEmails(queued: readonly OutboxMessage[]): Promise<EmailsPreview> {
  const groups = new Map<string, { first: OutboxMessage; count: number }>();
  for (const message of queued) {
    const key = `${message.template}:${message.locale}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { first: message, count: 1 });
  }
  const wordings = new Map<string, Awaited<ReturnType<typeof wordingsInUse>>>();
  for (const { first } of groups.values()) {
    if (!wordings.has(first.template)) wordings.set(first.template, await wordingsInUse(first.template));
  }
  const emails = await Promise.all(
    [...groups.entries()].map(async ([key, { first, count }]) => {
      const locale = toLocale(first.locale);
      const wording = wordings.get(first.template)?.[locale] ?? null;
      const rendered = await renderEmail(first.template as EmailTemplate, locale, first.payload as never, wording);
      return { key, template: first.template, locale, count, ...rendered };
    }),
  );
  return {
    count: queued.length,
    recipients: queued.slice(0, EMAIL_RECIPIENTS_LISTED).map((message) => ({
      key: message.dedupeKey,
      name: String((message.payload as { name?: unknown }).name ?? ""),
      email: message.to,
      locale: toLocale(message.locale),
      template: message.template,
    })),
    emails,
  };
}
