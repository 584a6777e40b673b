// The parts of one application that several pages read — its project's columns, its team, its
// attachments, its call's rubric — each one plain SELECT through `$queryRaw` by the application's id.
// A nested Prisma select sent one statement per relation, each through Prisma's query compiler and
// client runtime (0.5–1 ms of CPU each on the benchmark machine, against about 0.2 ms for a plain query).
// The SQL is portable (quoted identifiers, no engine-specific function); each column is read directly,
// so both drivers type it from its declaration (DateTime → Date, Boolean → boolean), and integers go
// through Number(). `client` is the transaction when the read belongs to one.
import { db, type Tx } from "~/db/client.server.ts";
import type { ProjectStage, Sector } from "~/domain/constants.ts";
import { Prisma } from "~/generated/prisma/client.ts";

const PROJECT_COLUMNS = ["projectName", "tagline", "problem", "solution", "market", "traction", "stage", "sector"] as const;

/** What the founders wrote about their project, as a raw query reads it (see projectColumns). */
export type ProjectColumns = {
  projectName: string;
  tagline: string;
  problem: string;
  solution: string;
  market: string;
  traction: string;
  stage: ProjectStage | null;
  sector: Sector | null;
};

/** The ProjectColumns of the Application row named `alias` in a query, for its SELECT list. */
export function projectColumns(alias: string): Prisma.Sql {
  return Prisma.raw(PROJECT_COLUMNS.map((column) => `${alias}."${column}"`).join(", "));
}

/** Just the ProjectColumns of a row that has them and more. */
export function projectOf(row: ProjectColumns): ProjectColumns {
  return Object.fromEntries(PROJECT_COLUMNS.map((column) => [column, row[column]])) as ProjectColumns;
}

/** The team in the order the founders gave it. */
export function readTeamMembers(applicationId: string, client: Tx = db) {
  return client.$queryRaw<Array<{ name: string; email: string; role: string }>>`
    SELECT "name", "email", "role" FROM "TeamMember" WHERE "applicationId" = ${applicationId} ORDER BY "position" ASC`;
}

/** The attachments in the order they were added. */
export async function readAttachments(applicationId: string, client: Tx = db) {
  const rows = await client.$queryRaw<Array<{ id: string; kind: string; fileName: string; size: number }>>`
    SELECT "id", "kind", "fileName", "size" FROM "Attachment" WHERE "applicationId" = ${applicationId} ORDER BY "createdAt" ASC, "id" ASC`;
  return rows.map((row) => ({ ...row, size: Number(row.size) }));
}

/** The rubric of the application's call, in order (labels and anchors as stored: see localizeCriterion). */
export async function readCriteria(applicationId: string, client: Tx = db) {
  const rows = await client.$queryRaw<Array<{ id: string; key: string; label: string; anchors: string; weight: number }>>`
    SELECT cr."id", cr."key", cr."label", cr."anchors", cr."weight"
    FROM "Criterion" cr JOIN "Application" a ON a."callId" = cr."callId"
    WHERE a."id" = ${applicationId}
    ORDER BY cr."position" ASC`;
  return rows.map((row) => ({ ...row, weight: Number(row.weight) }));
}
