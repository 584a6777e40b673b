// The outcomes page's filters as its query string carries them (issue 17); the page and its CSV read them
// the same way. Anything unreadable is no filter.
import * as z from "zod/mini";
import { SECTORS, type Sector } from "~/domain/constants.ts";

export type OutcomeFilters = { siteId?: string; sector?: Sector; callId?: string };

/** The filters as the page's query string carries them; anything else is no filter. */
const filtersSchema = z.object({
  site: z.catch(z.optional(z.string().check(z.maxLength(64))), undefined),
  sector: z.catch(z.optional(z.enum(SECTORS)), undefined),
  call: z.catch(z.optional(z.string().check(z.maxLength(64))), undefined),
});

export function readOutcomeFilters(url: URL): OutcomeFilters {
  const query = Object.fromEntries([...url.searchParams].filter(([, value]) => value !== ""));
  const parsed = filtersSchema.parse(query);
  return { siteId: parsed.site, sector: parsed.sector, callId: parsed.call };
}
