// The domain's vocabularies (app/domain/constants.ts) and the database's enums
// (prisma/schema.prisma) must hold the same values: a value added to one only
// would be refused by the other at run time.
import { describe, expect, it } from "vitest";
import * as PrismaEnums from "~/generated/prisma/enums.ts";
import {
  APPLICATION_STATUSES,
  ASSIGNMENT_STATUSES,
  CALL_STATUSES,
  OFFER_STATUSES,
  OUTBOX_STATUSES,
  PROJECT_STAGES,
  RECOMMENDATIONS,
  REVIEW_STAGES,
  ROLES,
  SECTORS,
  SITE_STATUSES,
  TOKEN_KINDS,
  INVITATION_STATUSES,
} from "~/domain/constants.ts";

const PAIRS = {
  Role: ROLES,
  TokenKind: TOKEN_KINDS,
  InvitationStatus: INVITATION_STATUSES,
  SiteStatus: SITE_STATUSES,
  CallStatus: CALL_STATUSES,
  Sector: SECTORS,
  ProjectStage: PROJECT_STAGES,
  ApplicationStatus: APPLICATION_STATUSES,
  ReviewStage: REVIEW_STAGES,
  AssignmentStatus: ASSIGNMENT_STATUSES,
  Recommendation: RECOMMENDATIONS,
  OfferStatus: OFFER_STATUSES,
  OutboxStatus: OUTBOX_STATUSES,
} as const;

describe("domain vocabularies and Prisma enums", () => {
  it.each(Object.entries(PAIRS))("%s holds the same values in both, in the same order", (name, values) => {
    const prismaEnum = (PrismaEnums as Record<string, Record<string, string> | undefined>)[name];
    expect(prismaEnum, `enum ${name} in prisma/schema.prisma`).toBeDefined();
    expect(Object.values(prismaEnum!)).toEqual([...values]);
  });

  it("covers every enum of the schema", () => {
    const enums = Object.entries(PrismaEnums)
      .filter(([, value]) => typeof value === "object" && value !== null)
      .map(([name]) => name);
    expect(enums.sort()).toEqual(Object.keys(PAIRS).sort());
  });
});

// The types agree too: a domain value is a valid Prisma value and back (checked by `tsc`).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const typesAgree: [
  Same<PrismaEnums.ApplicationStatus, (typeof APPLICATION_STATUSES)[number]>,
  Same<PrismaEnums.Sector, (typeof SECTORS)[number]>,
  Same<PrismaEnums.ProjectStage, (typeof PROJECT_STAGES)[number]>,
  Same<PrismaEnums.OfferStatus, (typeof OFFER_STATUSES)[number]>,
  Same<PrismaEnums.InvitationStatus, (typeof INVITATION_STATUSES)[number]>,
  Same<PrismaEnums.OutboxStatus, (typeof OUTBOX_STATUSES)[number]>,
  Same<PrismaEnums.ReviewStage, (typeof REVIEW_STAGES)[number]>,
] = [true, true, true, true, true, true, true];
void typesAgree;
