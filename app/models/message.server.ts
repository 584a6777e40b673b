// Messages between an application's team and the staff (issue 18). The team writes from its application (any
// member), the admins answer from the admin side; reviewers never see the thread. Each message emails the other
// side in each reader's language, with a link and never the message. `Application.messageAwaitingSince` holds
// the oldest team message the staff has not answered, written in each message's transaction: the admins' inbox
// lists those threads oldest first, and its count shows in their navigation.
import { notify, teamUserIds } from "./notification.server.ts";
import { env } from "~/config/env.server.ts";
import { db } from "~/db/client.server.ts";
import { cachedUntilChange } from "~/db/read-cache.server.ts";
import { toLocale } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import { enqueueEmail } from "~/email/outbox.server.ts";
import type { Locale } from "~/domain/constants.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import type { MessageInput } from "~/schemas/message.ts";
import { emailTeam, isTeamMember } from "./team.server.ts";

export const teamThreadPath = (applicationId: string) => `/founder/applications/${applicationId}/messages`;
export const staffThreadPath = (applicationId: string) => `/admin/applications/${applicationId}/messages`;

/**
 * The thread, oldest first, as either side's page shows it: who wrote (a name, and whether from the staff), and
 * when, written in the reader's language on the server; null when there is no such application.
 */
export async function threadPage(applicationId: string, locale: Locale) {
  const [application, messages] = await Promise.all([
    db.application.findUnique({ where: { id: applicationId }, select: { id: true, projectName: true } }),
    db.message.findMany({
      where: { applicationId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, body: true, fromStaff: true, createdAt: true, author: { select: { name: true } } },
    }),
  ]);
  if (!application) return null;
  return {
    application,
    messages: messages.map(({ author, createdAt, ...message }) => ({
      ...message,
      authorName: author.name,
      createdAtText: formatDate(createdAt, locale, "dateTime"),
    })),
  };
}

/** A member of the team writes to the staff; each active admin is emailed, in their language. */
export async function postTeamMessage(applicationId: string, userId: string, input: MessageInput, now = new Date()) {
  return db.$transaction(async (tx) => {
    // Who may write, decided by what the transaction reads (a member removed meanwhile is refused).
    if (!(await isTeamMember(applicationId, userId, tx))) throw new UserError("errors.title404", 404);
    const application = await tx.application.findUniqueOrThrow({ where: { id: applicationId }, select: { projectName: true } });
    const message = await tx.message.create({
      data: { applicationId, authorId: userId, fromStaff: false, body: input.body, createdAt: now },
      select: { id: true },
    });
    // The thread waits from its oldest unanswered message: set unless it waits since earlier already.
    await tx.application.updateMany({
      where: { id: applicationId, OR: [{ messageAwaitingSince: null }, { messageAwaitingSince: { gt: now } }] },
      data: { messageAwaitingSince: now },
    });
    const admins = await tx.user.findMany({
      where: { active: true, roles: { some: { role: "ADMIN" } } },
      orderBy: { id: "asc" },
      select: { id: true, name: true, email: true, locale: true },
    });
    for (const admin of admins) {
      await enqueueEmail(tx, {
        to: admin.email,
        template: "message-from-team",
        locale: toLocale(admin.locale),
        payload: { name: admin.name, projectName: application.projectName, threadUrl: `${env().APP_URL}${staffThreadPath(applicationId)}` },
        dedupeKey: `message:${message.id}:${admin.id}`,
      });
    }
    await notify(
      tx,
      admins.map((admin) => admin.id),
      { kind: "MESSAGE", projectName: application.projectName, path: staffThreadPath(applicationId) },
      now,
    );
    await tx.auditEvent.create({
      data: {
        actorId: userId,
        subjectType: "Application",
        subjectId: applicationId,
        type: "MESSAGE_FROM_TEAM",
        details: JSON.stringify({ messageId: message.id }),
        createdAt: now,
      },
    });
    return message;
  });
}

/** An admin answers the team: the thread no longer waits, and every member of the team is emailed in their language. */
export async function postStaffMessage(applicationId: string, adminId: string, input: MessageInput, now = new Date()) {
  return db.$transaction(async (tx) => {
    const application = await tx.application.findUnique({
      where: { id: applicationId },
      select: { projectName: true, founder: { select: { email: true, name: true, locale: true } } },
    });
    if (!application) throw new UserError("errors.title404", 404);
    const message = await tx.message.create({
      data: { applicationId, authorId: adminId, fromStaff: true, body: input.body, createdAt: now },
      select: { id: true },
    });
    await tx.application.update({ where: { id: applicationId }, data: { messageAwaitingSince: null } });
    await emailTeam(tx, applicationId, application.founder, "message-from-staff", `message:${message.id}`, (recipient) => ({
      name: recipient.name,
      projectName: application.projectName,
      threadUrl: `${env().APP_URL}${teamThreadPath(applicationId)}`,
    }));
    await notify(
      tx,
      await teamUserIds(tx, applicationId),
      { kind: "MESSAGE", projectName: application.projectName, path: teamThreadPath(applicationId) },
      now,
    );
    await tx.auditEvent.create({
      data: {
        actorId: adminId,
        subjectType: "Application",
        subjectId: applicationId,
        type: "MESSAGE_FROM_STAFF",
        details: JSON.stringify({ messageId: message.id }),
        createdAt: now,
      },
    });
    return message;
  });
}

/** The threads awaiting the staff's answer, the longest waiting first (the admins' inbox). */
export function awaitingThreads() {
  return db.application.findMany({
    where: { messageAwaitingSince: { not: null } },
    orderBy: [{ messageAwaitingSince: "asc" }, { id: "asc" }],
    select: { id: true, projectName: true, messageAwaitingSince: true, founder: { select: { name: true } } },
  });
}

/** How many threads await an answer, for the admins' navigation: read once per database state. */
export function awaitingThreadCount(): Promise<number> {
  return cachedUntilChange("messages:awaiting", () => db.application.count({ where: { messageAwaitingSince: { not: null } } }));
}
