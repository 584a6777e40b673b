// The right of access (issue 20, point 3): a person asks for a copy of everything Tremplin holds about them; it is
// prepared in the background as a ZIP (a JSON file per kind of record, and the files they and their teams
// uploaded), and its link — one-time, valid 24 hours, only for its owner's session — is emailed to them.
import crypto from "node:crypto";
import fsp from "node:fs/promises";
import path from "node:path";
import type { Zippable } from "fflate";
import { env } from "~/config/env.server.ts";
import { db } from "~/db/client.server.ts";
import { toLocale } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import { enqueueEmail } from "~/email/outbox.server.ts";
import { safeFileName } from "~/storage/file-type.ts";
import { openStoredFileIfPresent, storageDir } from "~/storage/files.server.ts";
import { onTeamWhere } from "./team.server.ts";

/** How long an export's link can be used (once). */
export const DATA_EXPORT_TTL_MS = 24 * 3600_000;

/** Exports wait here, beside the uploads, never among them (the content-addressed store holds uploads only). */
export function exportsDir(): string {
  return path.join(path.dirname(storageDir()), "exports");
}

const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** A person asks for their copy: one at a time (a request being prepared, or a link not used yet, is refused). */
export async function requestDataExport(userId: string, now = new Date()): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const open = await tx.dataExport.findFirst({
      where: {
        userId,
        OR: [{ status: { in: ["PENDING", "PREPARING"] } }, { status: "READY", downloadedAt: null, expiresAt: { gt: now } }],
      },
      select: { id: true },
    });
    if (open) throw new UserError("dataExport.errors.alreadyAsked", 409);
    const created = await tx.dataExport.create({ data: { userId, requestedAt: now }, select: { id: true } });
    await tx.auditEvent.create({
      data: { actorId: userId, subjectType: "User", subjectId: userId, type: "DATA_EXPORT_REQUESTED", details: "{}", createdAt: now },
    });
    return created;
  });
}

/** The person's latest export, as the account page shows it. */
export function latestDataExport(userId: string) {
  return db.dataExport.findFirst({
    where: { userId },
    orderBy: { requestedAt: "desc" },
    select: { status: true, requestedAt: true, readyAt: true, expiresAt: true, downloadedAt: true },
  });
}

/**
 * Prepares every export asked for: each claimed by a compare-and-set (two servers never prepare one twice), its
 * ZIP written, its link emailed. Also removes the files of exports used or expired. Returns how many were prepared.
 */
export async function prepareDataExports(now = new Date()): Promise<number> {
  let prepared = 0;
  for (const { id } of await db.dataExport.findMany({
    where: { status: "PENDING" },
    select: { id: true },
    orderBy: { requestedAt: "asc" },
    take: 20,
  })) {
    const { count } = await db.dataExport.updateMany({ where: { id, status: "PENDING" }, data: { status: "PREPARING" } });
    if (count === 0) continue;
    try {
      await prepareOne(id, now);
      prepared += 1;
    } catch (error) {
      await db.dataExport.update({ where: { id }, data: { status: "FAILED" } });
      throw error;
    }
  }
  await purgeDataExports(now);
  return prepared;
}

async function prepareOne(id: string, now: Date) {
  const request = await db.dataExport.findUniqueOrThrow({ where: { id }, select: { userId: true } });
  const user = await db.user.findUniqueOrThrow({ where: { id: request.userId }, select: { email: true, name: true, locale: true } });
  // Loaded on the first copy prepared: fflate's tables cost about 7 MB in every server process that never needs them.
  const { zipSync } = await import("fflate");
  const zip = zipSync(await personalData(request.userId), { level: 6 });
  await fsp.mkdir(exportsDir(), { recursive: true });
  const storageKey = `${id}-${crypto.randomBytes(8).toString("hex")}.zip`;
  await fsp.writeFile(path.join(exportsDir(), storageKey), zip);
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + DATA_EXPORT_TTL_MS);
  await db.$transaction(async (tx) => {
    await tx.dataExport.update({
      where: { id },
      data: { status: "READY", readyAt: now, expiresAt, tokenHash: hashToken(token), storageKey, size: zip.byteLength },
    });
    await enqueueEmail(tx, {
      to: user.email,
      template: "data-export-ready",
      locale: toLocale(user.locale),
      payload: { name: user.name, downloadUrl: `${env().APP_URL}/account/export/${token}`, expiresAt: expiresAt.toISOString() },
      dedupeKey: `data-export-ready:${id}`,
    });
  });
}

/** Deletes the ZIPs of exports downloaded or expired; their rows stay (the account page and the audit say when). */
async function purgeDataExports(now: Date) {
  const done = await db.dataExport.findMany({
    where: { storageKey: { not: null }, OR: [{ downloadedAt: { not: null } }, { expiresAt: { lte: now } }] },
    select: { id: true, storageKey: true },
  });
  for (const { id, storageKey } of done) {
    await fsp.rm(path.join(exportsDir(), storageKey!), { force: true });
    await db.dataExport.update({ where: { id }, data: { storageKey: null } });
  }
}

/**
 * Hands over an export's ZIP once: the link's token must be the export's, the export its owner's (the person
 * signed in), ready, not used and not expired. The first download takes it (a compare-and-set): a second one, a
 * forged or expired link, another person's session, all get the same refusal, and nothing changes.
 */
export async function takeDataExport(
  token: string,
  userId: string,
  now = new Date(),
): Promise<{ path: string; size: number; fileName: string }> {
  const refused = () => new UserError("dataExport.errors.linkInvalid", 404);
  const found = await db.dataExport.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, storageKey: true, size: true },
  });
  if (!found || found.userId !== userId || !found.storageKey) throw refused();
  const { count } = await db.dataExport.updateMany({
    where: { id: found.id, userId, status: "READY", downloadedAt: null, expiresAt: { gt: now } },
    data: { downloadedAt: now },
  });
  if (count === 0) throw refused();
  await db.auditEvent.create({
    data: { actorId: userId, subjectType: "User", subjectId: userId, type: "DATA_EXPORT_DOWNLOADED", details: "{}", createdAt: now },
  });
  return {
    path: path.join(exportsDir(), found.storageKey),
    size: found.size ?? 0,
    fileName: `tremplin-${now.toISOString().slice(0, 10)}.zip`,
  };
}

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2));

async function bytesOf(storageKey: string): Promise<Uint8Array | null> {
  const stream = await openStoredFileIfPresent(storageKey);
  if (!stream) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Everything about the person, as the files of the ZIP: their account (never the password's hash), consents and
 * sessions; the applications of the teams they are on, with their team, answers, messages, check-ins, released
 * decisions and files; their notifications, the emails sent to them, the reviews they wrote, what they did (audit).
 */
async function personalData(userId: string): Promise<Zippable> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      createdAt: true,
      emailVerifiedAt: true,
      roles: { select: { role: true } },
      reviewerProfile: { select: { sectors: true, maxLoad: true, sites: { select: { name: true } } } },
      consents: { select: { purpose: true, textVersion: true, givenAt: true, withdrawnAt: true } },
      sessions: { select: { createdAt: true, lastSeenAt: true, userAgent: true, ipAddress: true, expiresAt: true } },
    },
  });
  const applications = await db.application.findMany({
    where: onTeamWhere(userId),
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      status: true,
      projectName: true,
      tagline: true,
      problem: true,
      solution: true,
      market: true,
      traction: true,
      stage: true,
      sector: true,
      createdAt: true,
      submittedAt: true,
      withdrawnAt: true,
      decisionReleasedAt: true,
      decisionReason: true,
      founderId: true,
      call: { select: { title: true } },
      preferredSite: { select: { name: true } },
      alternateSite: { select: { name: true } },
      teamMembers: { select: { name: true, email: true, role: true }, orderBy: { position: "asc" } },
      answers: { select: { question: { select: { key: true } }, value: true } },
      attachments: { select: { id: true, kind: true, fileName: true, mimeType: true, size: true, storageKey: true, createdAt: true } },
      messages: {
        select: { id: true, fromStaff: true, body: true, createdAt: true, attachments: { select: { fileName: true, storageKey: true } } },
        orderBy: { createdAt: "asc" },
      },
      checkIns: { select: { monthsAfter: true, dueAt: true, submittedAt: true, answers: true } },
      offers: { select: { status: true, expiresAt: true, respondedAt: true, cohort: { select: { name: true } } } },
    },
  });
  const [notifications, emails, reviews, actions] = await Promise.all([
    db.notification.findMany({ where: { userId }, select: { kind: true, projectName: true, path: true, createdAt: true, readAt: true } }),
    db.outboxEmail.findMany({
      where: { to: user.email.toLowerCase() },
      select: { template: true, locale: true, payload: true, createdAt: true, sentAt: true },
    }),
    db.reviewAssignment.findMany({
      where: { reviewerId: userId },
      select: {
        stage: true,
        status: true,
        application: { select: { projectName: true } },
        review: { select: { privateComment: true, founderFeedback: true, recommendation: true, score: true, submittedAt: true } },
      },
    }),
    db.auditEvent.findMany({
      where: { actorId: userId },
      select: { type: true, subjectType: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);

  const files: Zippable = {};
  const used = new Set<string>();
  const place = async (folder: string, fileName: string, storageKey: string) => {
    const bytes = await bytesOf(storageKey);
    if (!bytes) return null;
    let name = safeFileName(fileName) || "file";
    for (let n = 2; used.has(`${folder}/${name}`); n++) name = `${n}-${safeFileName(fileName)}`;
    used.add(`${folder}/${name}`);
    files[`${folder}/${name}`] = bytes;
    return `${folder}/${name}`;
  };

  const applicationsOut = [];
  for (const {
    attachments,
    messages,
    answers,
    call,
    preferredSite,
    alternateSite,
    founderId,
    decisionReason,
    decisionReleasedAt,
    ...application
  } of applications) {
    const folder = `files/${application.id}`;
    applicationsOut.push({
      ...application,
      call: call.title,
      lead: founderId === userId,
      preferredSite: preferredSite?.name ?? null,
      alternateSite: alternateSite?.name ?? null,
      // A decision is told once released; before, it is the committee's.
      decisionReleasedAt,
      decisionReason: decisionReleasedAt ? decisionReason : null,
      answers: answers.map((answer) => ({ question: answer.question.key, value: answer.value })),
      files: await Promise.all(
        attachments.map(async ({ storageKey, ...file }) => ({ ...file, inZip: await place(folder, file.fileName, storageKey) })),
      ),
      messages: await Promise.all(
        messages.map(async ({ attachments: messageFiles, ...message }) => ({
          ...message,
          files: await Promise.all(
            messageFiles.map(async (file) => ({
              fileName: file.fileName,
              inZip: await place(`${folder}/messages`, file.fileName, file.storageKey),
            })),
          ),
        })),
      ),
    });
  }

  const { reviewerProfile, roles, consents, sessions, ...account } = user;
  return {
    "README.txt": new TextEncoder().encode(
      "Tremplin — your data. One JSON file per kind of record; the files you and your teams uploaded are under files/.\n" +
        "Tremplin — vos données. Un fichier JSON par type d'enregistrement ; les fichiers envoyés par vous et vos équipes sont dans files/.\n",
    ),
    "profile.json": json({ ...account, roles: roles.map((r) => r.role), reviewerProfile }),
    "consents.json": json(consents),
    "sessions.json": json(sessions),
    "applications.json": json(applicationsOut),
    "in-app-notifications.json": json(notifications),
    "emails.json": json(emails.map((email) => ({ ...email, payload: JSON.parse(email.payload) as unknown }))),
    "reviews.json": json(reviews),
    "activity.json": json(actions),
    ...files,
  };
}
