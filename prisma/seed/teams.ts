// The demo's teams (issue 16): every application's founder is its lead (a membership, consent given when
// they submitted), and two demo founders lead teams with co-founders who have their own accounts — one
// draft with an accepted member, a pending invitation and a declined one; one submitted application whose
// member confirmed before the lead submitted. Each state can be seen by logging in.
import crypto from "node:crypto";
import type { Prisma } from "~/generated/prisma/client.ts";
import { INVITATION_TTL_MS } from "~/domain/team.ts";
import { addUser } from "./accounts.ts";
import { newId } from "./random.ts";
import { DAY, HOUR, type Planner } from "./shared.ts";

/** The co-founders' logins (the README lists them). */
export const DEMO_CO_FOUNDERS = [
  { email: "cofounder1@demo.tremplin.ma", name: "Nadia Ouazzani", locale: "en" },
  { email: "cofounder2@demo.tremplin.ma", name: "Karim Tazi", locale: "ar" },
] as const;

/** Nobody holds a seeded invitation's link: the lead sends it again to get one (the mailbox shows it). */
const unknownLinkHash = () => crypto.createHash("sha256").update(crypto.randomBytes(32)).digest("hex");

export function planTeams(planner: Planner, openCallId: string, passwordHash: string): void {
  const { rows } = planner;
  for (const application of rows.applications) {
    rows.teamMemberships.push({
      id: newId(),
      applicationId: application.id!,
      callId: application.callId,
      userId: application.founderId,
      lead: true,
      consentAt: application.submittedAt ?? null,
      joinedAt: application.createdAt,
      // Every row names every column: the seed's INSERT gives a missing one NULL, not its default.
      linkUrl: "",
      phone: "",
      phoneKey: "",
      residesInMorocco: null,
      bio: "",
    });
  }
  const demoFounder = (application: Prisma.ApplicationCreateManyInput) =>
    rows.users.find((user) => user.id === application.founderId)?.email?.endsWith("@demo.tremplin.ma");
  const onOpenCall = rows.applications.filter((application) => application.callId === openCallId && demoFounder(application));
  const draft = onOpenCall.find((application) => application.status === "DRAFT");
  const submitted = onOpenCall.find((application) => application.status === "SUBMITTED");
  if (!draft || !submitted) return;
  // Their lists become the lead and the people below (the planned co-founders had no accounts).
  rows.teamMembers = rows.teamMembers.filter(
    (member) => (member.applicationId !== draft.id && member.applicationId !== submitted.id) || member.position === 0,
  );
  const [first, second] = DEMO_CO_FOUNDERS.map((person) =>
    addUser(planner, { ...person, roles: ["FOUNDER"], passwordHash, createdAt: new Date(planner.now - 30 * DAY) }),
  );
  joinTeam(planner, draft, first, "CTO", null);
  const invitedAt = new Date(planner.now - 2 * DAY);
  for (const [name, email, status] of [
    ["Youssef Alami", "youssef.alami@example.com", "PENDING"],
    ["Hind Berrada", "hind.berrada@example.com", "DECLINED"],
  ] as const) {
    rows.teamInvitations.push({
      id: newId(),
      applicationId: draft.id!,
      email,
      name,
      role: status === "PENDING" ? "Responsable commerciale" : "Designer",
      tokenHash: unknownLinkHash(),
      expiresAt: new Date(invitedAt.getTime() + INVITATION_TTL_MS),
      status,
      invitedById: draft.founderId,
      sendCount: 1,
      lastSentAt: invitedAt,
      respondedAt: status === "DECLINED" ? new Date(invitedAt.getTime() + HOUR) : null,
      createdAt: invitedAt,
    });
    // The declined invitee is no longer on the list; the pending one is.
    if (status === "PENDING") addToList(planner, draft.id!, name, email, "Responsable commerciale");
  }
  // The member confirmed before the lead submitted.
  joinTeam(planner, submitted, second, "Directeur technique", new Date(new Date(submitted.submittedAt!).getTime() - HOUR));
}

function joinTeam(
  planner: Planner,
  application: Prisma.ApplicationCreateManyInput,
  person: { id: string; name: string; email: string },
  role: string,
  consentAt: Date | null,
): void {
  const joinedAt = new Date(new Date(application.createdAt!).getTime() + HOUR);
  planner.rows.teamMemberships.push({
    id: newId(),
    applicationId: application.id!,
    callId: application.callId,
    userId: person.id,
    lead: false,
    consentAt,
    joinedAt,
    linkUrl: `https://www.linkedin.com/in/${person.email.split("@")[0]}`,
    phone: "",
    phoneKey: "",
    residesInMorocco: true,
    bio: "",
  });
  planner.rows.teamInvitations.push({
    id: newId(),
    applicationId: application.id!,
    email: person.email,
    name: person.name,
    role,
    tokenHash: unknownLinkHash(),
    expiresAt: new Date(joinedAt.getTime() + INVITATION_TTL_MS),
    status: "ACCEPTED",
    invitedById: application.founderId,
    sendCount: 1,
    lastSentAt: joinedAt,
    respondedAt: joinedAt,
    createdAt: joinedAt,
  });
  addToList(planner, application.id!, person.name, person.email, role);
}

/** The team's list shows the person (after the rows the application was planned with). */
function addToList(planner: Planner, applicationId: string, name: string, email: string, role: string): void {
  const team = planner.rows.teamMembers.filter((member) => member.applicationId === applicationId);
  const position = Math.max(...team.map((member) => member.position ?? 0)) + 1;
  planner.rows.teamMembers.push({ id: newId(), applicationId, name, email, role, position });
}
