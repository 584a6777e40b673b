// Writing the planned rows: multi-row inserts, table after table, in one transaction.
import { Prisma } from "~/generated/prisma/client.ts";
import { elapsedSince, type SeedPlan } from "./shared.ts";

/** Bound parameters per statement: SQLite's historical limit, which every database accepts. */
const MAX_BIND_VALUES = 999;

export async function writePlan(tx: Prisma.TransactionClient, plan: SeedPlan, log: (line: string) => void): Promise<void> {
  async function write(table: Prisma.ModelName, rows: readonly object[], insert = () => insertRows(tx, table, rows)) {
    const started = performance.now();
    await insert();
    log(`  ${table.padEnd(20)}${String(rows.length).padStart(8)} rows  ${elapsedSince(started)}`);
  }

  await write("Site", plan.sites);
  await write("User", plan.users);
  await write("UserRole", plan.userRoles);
  // Few rows, and the sites of expertise are an implicit many-to-many relation: let Prisma link them.
  await write("ReviewerProfile", plan.reviewerProfiles, async () => {
    for (const { siteIds, ...profile } of plan.reviewerProfiles) {
      await tx.reviewerProfile.create({ data: { ...profile, sites: { connect: siteIds.map((id) => ({ id })) } } });
    }
  });
  await write("Call", plan.calls);
  await write("Criterion", plan.criteria);
  await write("CallQuestion", plan.callQuestions);
  await write("EligibilityRule", plan.eligibilityRules);
  await write("Cohort", plan.cohorts);
  await write("CohortQuota", plan.cohortQuotas);
  await write("Application", plan.applications);
  await write("TeamMember", plan.teamMembers);
  await write("TeamMembership", plan.teamMemberships);
  await write("TeamInvitation", plan.teamInvitations);
  await write("Attachment", plan.attachments);
  await write("ApplicationAnswer", plan.applicationAnswers);
  await write("AnswerChoice", plan.answerChoices);
  await write("ReviewAssignment", plan.reviewAssignments);
  await write("Review", plan.reviews);
  await write("ReviewScore", plan.reviewScores);
  await write("Offer", plan.offers);
  await write("CheckIn", plan.checkIns);
  await write("AuditEvent", plan.auditEvents);
}

/**
 * Inserts rows with multi-row `INSERT … VALUES` statements run through `$executeRaw`:
 * the placeholders suit the connected database and the driver adapter stores every
 * value (dates, booleans) exactly as createMany does. createMany itself would be the
 * natural tool, but its query compiler spends about 10 µs on each value — 30 s for the
 * 20,000-application seed, several times what these statements take.
 *
 * Table and column names are the model and field names (the schema maps none). The
 * columns are the union of the rows' keys; a row without one of them gets NULL there.
 */
async function insertRows(tx: Prisma.TransactionClient, table: Prisma.ModelName, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const rowsPerStatement = Math.floor(MAX_BIND_VALUES / columns.length);
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const batch = rows.slice(start, start + rowsPerStatement) as Record<string, unknown>[];
    const values = batch.flatMap((row) => columns.map((column) => row[column] ?? null));
    // Sql's text pieces around the values: `INSERT … VALUES (` v `, ` v `), (` v `, ` v `)`
    const pieces: string[] = values.map((_, index) =>
      (index + 1) % columns.length !== 0 ? ", " : index + 1 < values.length ? "), (" : ")",
    );
    pieces.unshift(`INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) VALUES (`);
    await tx.$executeRaw(new Prisma.Sql(pieces, values));
  }
}
