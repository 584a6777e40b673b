// The fields of an application that its lists show, in one place: every list of
// applications (the admin list, the screening queue, the
// allocation, a roster, the CSV export) selects these and
// adds what only it needs.
import type { Prisma } from "~/generated/prisma/client.ts";

/** What names an application in a list or a message: its id and project name. */
export const APPLICATION_NAME_SELECT = { id: true, projectName: true } as const satisfies Prisma.ApplicationSelect;

/** An application as one row of a list: its name, where it stands, its sector. */
export const APPLICATION_ROW_SELECT = {
  ...APPLICATION_NAME_SELECT,
  status: true,
  sector: true,
} as const satisfies Prisma.ApplicationSelect;

/** A row of a ranked list (the admin applications list, the CSV export): with its version, scores and rank. */
export const APPLICATION_RANKED_ROW_SELECT = {
  ...APPLICATION_ROW_SELECT,
  version: true,
  submittedAt: true,
  rawScore: true,
  normalizedScore: true,
  disagreement: true,
  reviewCount: true,
  rank: true,
} as const satisfies Prisma.ApplicationSelect;

export type ApplicationRankedRow = Prisma.ApplicationGetPayload<{ select: typeof APPLICATION_RANKED_ROW_SELECT }>;
