// The choices a follow-up check-in offers (issue 17), apart from its schema (app/schemas/check-in.ts): the form
// shows them with the page, while zod and the schema are fetched on the form's first check.

/** The project's legal form; NONE: not registered yet. */
export const LEGAL_FORMS = ["NONE", "AUTO_ENTREPRENEUR", "SARL", "SARL_AU", "SA", "COOPERATIVE", "OTHER"] as const;
/** Revenue over the last 12 months, in MAD a year, in bands: a team answers a band more readily than a figure. */
export const REVENUE_BANDS = ["NONE", "UNDER_100K", "100K_500K", "500K_1M", "1M_5M", "OVER_5M"] as const;
/** The kinds of funding raised since the last check-in. */
export const FUNDING_TYPES = ["GRANT", "LOAN", "EQUITY", "PRIZE"] as const;
/** The network's support tracks, each rated 1 (not useful) to 5 (very useful) by the team, or not rated. */
export const SUPPORT_TRACKS = ["NETWORKING", "FUNDING_ACCESS", "SKILLS", "MARKET_ACCESS"] as const;

export type LegalForm = (typeof LEGAL_FORMS)[number];
export type RevenueBand = (typeof REVENUE_BANDS)[number];
export type FundingType = (typeof FUNDING_TYPES)[number];
export type SupportTrack = (typeof SUPPORT_TRACKS)[number];
