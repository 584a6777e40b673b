/**
 * Demo and benchmark seed for Tremplin (reference data: DESIGN.md §1).
 *
 *   npx tsx prisma/seed.ts                          seed an empty database (DATABASE_URL or var/tremplin.db)
 *   npx tsx prisma/seed.ts --reset                  delete every row first
 *   SEED_APPLICATIONS=20000 npx tsx prisma/seed.ts  size of the open call (default 40)
 *
 * The demo runs only in demo mode (see launcherDemoMode: the default of a local run,
 * TREMPLIN_DEMO=on with NODE_ENV=production). Its accounts share one password, never
 * a published one: DEMO_PASSWORD when set, else generated per install into
 * var/demo-password (see demoPassword).
 *
 * The contents are deterministic: one seeded faker instance drives every choice and
 * every date is an offset from `options.now`, so the same options give the same data
 * (only the ids are random). The whole seed is planned in memory first (ids generated
 * here so rows can point at each other), then written with multi-row inserts in one
 * transaction (see insertRows).
 */
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import type { Faker } from "@faker-js/faker";
import { hashPassword } from "~/auth/password.server.ts";
import { mean, populationStdDev } from "~/domain/scoring.ts";
import { refreshCallScores } from "~/models/scores.server.ts";
import { onePagePdf } from "./sample-pdf.ts";
import type { StoredFile } from "~/storage/files.server.ts";
import {
  APPLICATION_STATUSES,
  PROJECT_STAGES,
  SECTORS,
  type ApplicationStatus,
  type Locale,
  type ProjectStage,
  type Recommendation,
  type Role,
  type Sector,
  type SiteStatus,
} from "~/domain/constants.ts";
import { Prisma, type PrismaClient } from "~/generated/prisma/client.ts";

// ─── Demo accounts ───────────────────────────────────────────────────────────

const EMAIL_DOMAIN = "demo.tremplin.ma";
// Reviewers sit on a sibling domain: one shared domain would make every reviewer
// a same-organisation conflict for every founder, and nothing could be assigned.
const REVIEWER_EMAIL_DOMAIN = "jury.tremplin.ma";
const DEMO_ADMIN = { email: `admin@${EMAIL_DOMAIN}`, name: "Salma Bennani", locale: "fr" } as const;

interface ReviewerDefinition {
  name: string;
  locale: Locale;
  sectors: readonly Sector[];
  siteSlugs: readonly string[];
  /** Added to every score this reviewer gives: some reviewers are lenient, some harsh. */
  bias: number;
}

const DEMO_REVIEWERS: readonly ReviewerDefinition[] = [
  { name: "Youssef El Amrani", locale: "fr", sectors: ["NEW_TECH"], siteSlugs: ["casablanca", "rabat"], bias: 0.1 },
  { name: "Khadija Benjelloun", locale: "fr", sectors: ["GREEN_TECH", "NEW_TECH"], siteSlugs: ["agadir", "casablanca"], bias: 0 },
  { name: "Omar Tazi", locale: "ar", sectors: ["CULTURAL_INDUSTRIES", "NEW_TECH"], siteSlugs: ["rabat", "tanger", "fes"], bias: -0.5 },
  { name: "Nadia Chraibi", locale: "en", sectors: ["NEW_TECH", "CULTURAL_INDUSTRIES"], siteSlugs: ["tanger", "casablanca"], bias: 0.5 },
  { name: "Hamza Alaoui", locale: "fr", sectors: ["GREEN_TECH"], siteSlugs: ["agadir", "tiznit"], bias: -0.2 },
  { name: "Imane Berrada", locale: "fr", sectors: ["GREEN_TECH", "CULTURAL_INDUSTRIES"], siteSlugs: ["rabat", "oujda"], bias: 0.2 },
];

/**
 * The first founders' open-call applications, in this order, walk through every
 * status so each one can be demonstrated with a known login (founderN).
 */
const FOUNDER_SHOWCASE: readonly { status: ApplicationStatus; name?: string }[] = [
  { status: "ACCEPTED", name: "Yasmine Ouazzani" },
  { status: "DRAFT", name: "Mehdi Lahlou" },
  { status: "ENROLLED", name: "Ghita Sqalli" },
  { status: "SUBMITTED" },
  { status: "SCREENING" },
  { status: "REVIEW" },
  { status: "INTERVIEW" },
  { status: "COMMITTEE" },
  { status: "WAITLISTED" },
  { status: "REJECTED" },
  { status: "DECLINED" },
  { status: "WITHDRAWN" },
];

export interface DemoAccount {
  role: Role;
  email: string;
  name: string;
}

/**
 * The logins worth showing on a demo server: the admin, the six reviewers, and the
 * named showcase founders — founder1 holds an offer awaiting an answer, founder2 a
 * draft not yet submitted, founder3 a seat in a cohort.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { role: "ADMIN", email: DEMO_ADMIN.email, name: DEMO_ADMIN.name },
  ...DEMO_REVIEWERS.map((reviewer, index) => ({ role: "REVIEWER" as const, email: reviewerEmail(index), name: reviewer.name })),
  ...FOUNDER_SHOWCASE.flatMap(({ name }, index) => (name ? [{ role: "FOUNDER" as const, email: founderEmail(index), name }] : [])),
];

function reviewerEmail(index: number): string {
  return `reviewer${index + 1}@${REVIEWER_EMAIL_DOMAIN}`;
}

function founderEmail(index: number): string {
  return `founder${index + 1}@${EMAIL_DOMAIN}`;
}

// ─── Seeding ─────────────────────────────────────────────────────────────────

export interface SeedOptions {
  /** Password of every seeded account: the install's demo password (demoPassword), never a published one. */
  password: string;
  /** Applications on the open call (default 40); the closed call gets one for every fifth founder. */
  applications?: number;
  log?: (line: string) => void;
  /** Reference instant every date is computed from (default: the current time). */
  now?: Date;
}

export interface SeedSummary {
  sites: number;
  calls: number;
  cohorts: number;
  admins: number;
  reviewers: number;
  founders: number;
  /** Applications on every call. */
  applications: number;
  /** Applications on the open call, by status. */
  openCallStatuses: Record<ApplicationStatus, number>;
  reviewAssignments: number;
  reviews: number;
  offers: number;
  durationMs: number;
}

export async function seedDatabase(db: PrismaClient, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const applications = options.applications ?? DEFAULT_APPLICATIONS;
  if (!Number.isInteger(applications) || applications < 0) {
    throw new RangeError(`applications must be a non-negative integer, got ${applications}`);
  }
  const now = options.now ?? new Date();

  if (!options.password) throw new RangeError("seedDatabase needs the demo password");
  const passwordHash = await hashPassword(options.password); // argon2 is slow by design: hash once, reuse
  const pitchDeck = await storeDemoPitchDeck();
  const random = await createRandom(FAKER_SEED);
  const plan = planSeed(random, { applications, now, passwordHash, pitchDeck });
  log(`planned ${plan.applications.length} applications in ${elapsedSince(started)}`);

  await db.$transaction((tx) => writePlan(tx, plan, log), {
    maxWait: 10_000,
    timeout: 10 * 60_000,
  });
  // Normalized scores and ranks come from the same code the app runs after each review.
  const calls = await db.call.findMany({ select: { id: true } });
  await db.$transaction(
    async (tx) => {
      for (const call of calls) await refreshCallScores(call.id, tx);
    },
    { maxWait: 10_000, timeout: 10 * 60_000 },
  );
  log(`scored and ranked in ${elapsedSince(started)}`);

  const durationMs = Math.round(performance.now() - started);
  log(`seeded in ${(durationMs / 1000).toFixed(1)} s`);
  return summarize(plan, durationMs);
}

/** Deletes every row, children before parents. */
export async function clearDatabase(db: PrismaClient): Promise<void> {
  await db.$transaction([
    db.outboxEmail.deleteMany(),
    db.auditEvent.deleteMany(),
    db.offer.deleteMany(),
    db.reviewScore.deleteMany(),
    db.review.deleteMany(),
    db.reviewAssignment.deleteMany(),
    db.conflictDeclaration.deleteMany(),
    db.conflictOverride.deleteMany(),
    db.attachment.deleteMany(),
    db.teamMember.deleteMany(),
    db.application.deleteMany(),
    db.cohortQuota.deleteMany(),
    db.cohort.deleteMany(),
    db.criterion.deleteMany(),
    db.call.deleteMany(),
    db.token.deleteMany(),
    db.session.deleteMany(),
    db.reviewerProfile.deleteMany(), // its site links cascade
    db.userRole.deleteMany(),
    db.user.deleteMany(),
    db.site.deleteMany(),
    db.rateLimit.deleteMany(),
  ]);
}

// ─── Tunables ────────────────────────────────────────────────────────────────

const FAKER_SEED = 2026;
const DEFAULT_APPLICATIONS = 40;
const DEMO_FOUNDERS = 40;
const DEMO_REVIEWER_MAX_LOAD = 15;
/** Above this many applications the six demo reviewers are joined by generated ones. */
const LARGE_SEED_THRESHOLD = 1000;
const LARGE_SEED_REVIEWERS = 60;
/** Every fifth founder also applied to last year's call. */
const CLOSED_CALL_FOUNDER_STRIDE = 5;
/** Bound parameters per statement: SQLite's historical limit, which every database accepts. */
const MAX_BIND_VALUES = 999;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ─── Reference data ──────────────────────────────────────────────────────────

interface SiteDefinition {
  slug: string;
  name: string;
  nameAr: string;
  region: string;
  status: SiteStatus;
  /** Towns a project near this site is about, for the generated texts. */
  towns: readonly string[];
  /** Relative share of applicants who prefer this site (open sites only). */
  demand: number;
}

const SITES: readonly SiteDefinition[] = [
  { slug: "casablanca", name: "Casablanca", nameAr: "الدار البيضاء", region: "Casablanca-Settat", status: "OPEN", towns: ["Casablanca", "Mohammedia", "El Jadida", "Settat", "Berrechid"], demand: 40 },
  { slug: "rabat", name: "Rabat", nameAr: "الرباط", region: "Rabat-Salé-Kénitra", status: "OPEN", towns: ["Rabat", "Salé", "Kénitra", "Témara", "Khémisset"], demand: 25 },
  { slug: "tanger", name: "Tanger", nameAr: "طنجة", region: "Tanger-Tétouan-Al Hoceïma", status: "OPEN", towns: ["Tanger", "Tétouan", "Larache", "Chefchaouen", "Al Hoceïma"], demand: 20 },
  { slug: "agadir", name: "Agadir", nameAr: "أكادير", region: "Souss-Massa", status: "OPEN", towns: ["Agadir", "Inezgane", "Taroudant", "Essaouira", "Tiznit"], demand: 15 },
  { slug: "fes", name: "Fès", nameAr: "فاس", region: "Fès-Meknès", status: "OPENING_SOON", towns: ["Fès", "Meknès"], demand: 0 },
  { slug: "tiznit", name: "Tiznit", nameAr: "تيزنيت", region: "Souss-Massa", status: "OPENING_SOON", towns: ["Tiznit"], demand: 0 },
  { slug: "oujda", name: "Oujda", nameAr: "وجدة", region: "Oriental", status: "OPENING_SOON", towns: ["Oujda", "Nador", "Berkane"], demand: 0 },
];
const OPEN_SITES = SITES.filter((site) => site.status === "OPEN");

type Localized<T> = Record<Locale, T>;

interface CriterionDefinition {
  label: Localized<string>;
  /** What a score of 1, 2, 3, 4 and 5 means. */
  anchors: Localized<[string, string, string, string, string]>;
}

type CriterionKey = "innovation" | "market" | "team" | "impact" | "feasibility";

/** Every criterion either call's rubric uses; each call picks its own keys and weights. */
const CRITERIA: Record<CriterionKey, CriterionDefinition> = {
  innovation: {
    label: { fr: "Innovation", en: "Innovation", ar: "الابتكار" },
    anchors: {
      fr: [
        "Idée déjà largement répandue, sans élément différenciant.",
        "Amélioration marginale d'une offre existante.",
        "Approche nouvelle sur le marché marocain, différenciation modérée.",
        "Innovation claire (produit, usage ou modèle), difficile à copier rapidement.",
        "Rupture technologique ou d'usage, avec un avantage défendable (propriété intellectuelle, données, savoir-faire).",
      ],
      en: [
        "Widely available idea with no differentiating element.",
        "Marginal improvement on an existing offer.",
        "New approach for the Moroccan market, moderate differentiation.",
        "Clear innovation (product, use or model), hard to copy quickly.",
        "Technological or usage breakthrough with a defensible advantage (intellectual property, data, know-how).",
      ],
      ar: [
        "فكرة منتشرة على نطاق واسع دون أي عنصر مميز.",
        "تحسين طفيف لعرض قائم.",
        "مقاربة جديدة في السوق المغربية مع تميز متوسط.",
        "ابتكار واضح (منتج أو استخدام أو نموذج) يصعب تقليده بسرعة.",
        "قطيعة تكنولوجية أو في الاستخدام مع ميزة قابلة للحماية (ملكية فكرية، بيانات، خبرة).",
      ],
    },
  },
  market: {
    label: { fr: "Marché et modèle économique", en: "Market and business model", ar: "السوق والنموذج الاقتصادي" },
    anchors: {
      fr: [
        "Marché non identifié ; aucun client cible précis.",
        "Marché décrit de façon vague, modèle de revenus incertain.",
        "Marché cible identifié et chiffré, modèle de revenus plausible.",
        "Marché solide et accessible, clients prêts à payer, modèle économique cohérent.",
        "Marché large et en croissance, preuves de paiement et potentiel d'export.",
      ],
      en: [
        "No identified market; no specific target customer.",
        "Vaguely described market, uncertain revenue model.",
        "Target market identified and sized, plausible revenue model.",
        "Solid, reachable market, customers willing to pay, coherent business model.",
        "Large and growing market, proof of payment and export potential.",
      ],
      ar: [
        "سوق غير محددة ولا يوجد زبون مستهدف بدقة.",
        "وصف مبهم للسوق ونموذج إيرادات غير مؤكد.",
        "سوق مستهدفة محددة ومقدّرة، ونموذج إيرادات معقول.",
        "سوق متينة يمكن الوصول إليها، وزبائن مستعدون للدفع، ونموذج اقتصادي منسجم.",
        "سوق واسعة ومتنامية، مع إثباتات للدفع وإمكانات للتصدير.",
      ],
    },
  },
  team: {
    label: { fr: "Équipe", en: "Team", ar: "الفريق" },
    anchors: {
      fr: [
        "Porteur·se seul·e, sans les compétences clés du projet.",
        "Équipe incomplète, compétences critiques manquantes.",
        "Équipe complémentaire couvrant l'essentiel des besoins.",
        "Équipe expérimentée et engagée à temps plein sur le projet.",
        "Équipe exceptionnelle : expertise reconnue, réussites antérieures, forte capacité d'exécution.",
      ],
      en: [
        "Solo founder lacking the project's key skills.",
        "Incomplete team, critical skills missing.",
        "Complementary team covering most needs.",
        "Experienced team committed full time to the project.",
        "Outstanding team: recognised expertise, past successes, strong ability to execute.",
      ],
      ar: [
        "حامل مشروع منفرد يفتقر إلى الكفاءات الأساسية للمشروع.",
        "فريق غير مكتمل تنقصه كفاءات حاسمة.",
        "فريق متكامل يغطي أغلب الاحتياجات.",
        "فريق ذو خبرة ومتفرغ كليا للمشروع.",
        "فريق استثنائي: خبرة معترف بها ونجاحات سابقة وقدرة كبيرة على التنفيذ.",
      ],
    },
  },
  impact: {
    label: {
      fr: "Impact (emploi, territoire, environnement)",
      en: "Impact (jobs, region, environment)",
      ar: "الأثر (التشغيل، المجال الترابي، البيئة)",
    },
    anchors: {
      fr: [
        "Aucun impact social, territorial ou environnemental identifié.",
        "Impact limité et difficile à mesurer.",
        "Impact réel sur l'emploi ou la région, encore à mesurer.",
        "Impact significatif et mesuré : emplois, inclusion ou empreinte environnementale réduite.",
        "Impact majeur et structurant pour la région ou la filière, suivi par des indicateurs.",
      ],
      en: [
        "No social, regional or environmental impact identified.",
        "Limited impact, hard to measure.",
        "Real impact on jobs or the region, still to be measured.",
        "Significant, measured impact: jobs, inclusion or a smaller environmental footprint.",
        "Major, structuring impact on the region or the industry, tracked with indicators.",
      ],
      ar: [
        "لا يوجد أثر اجتماعي أو ترابي أو بيئي محدد.",
        "أثر محدود يصعب قياسه.",
        "أثر فعلي على التشغيل أو الجهة، لم يُقَس بعد.",
        "أثر مهم ومقاس: مناصب شغل أو إدماج أو بصمة بيئية أقل.",
        "أثر كبير وهيكلي على الجهة أو القطاع، يُتتبَّع بمؤشرات.",
      ],
    },
  },
  feasibility: {
    label: { fr: "Faisabilité et maturité", en: "Feasibility and maturity", ar: "قابلية التنفيذ والنضج" },
    anchors: {
      fr: [
        "Projet au stade d'intention, sans plan de réalisation.",
        "Plan de réalisation flou, ressources non identifiées.",
        "Feuille de route crédible à 18 mois, besoins identifiés.",
        "Prototype ou MVP validé, jalons et budget maîtrisés.",
        "Produit sur le marché, premiers revenus, plan de croissance en partie financé.",
      ],
      en: [
        "Project at the intention stage, with no delivery plan.",
        "Unclear delivery plan, resources not identified.",
        "Credible 18-month roadmap, needs identified.",
        "Validated prototype or MVP, milestones and budget under control.",
        "Product on the market, first revenue, growth plan partly funded.",
      ],
      ar: [
        "مشروع في مرحلة النية دون خطة للإنجاز.",
        "خطة إنجاز غير واضحة وموارد غير محددة.",
        "خارطة طريق ذات مصداقية على مدى 18 شهرا مع تحديد الاحتياجات.",
        "نموذج أولي أو منتج أدنى قابل للاستخدام تم التحقق منه، مع التحكم في المراحل والميزانية.",
        "منتج في السوق وأولى الإيرادات وخطة نمو ممولة جزئيا.",
      ],
    },
  },
};

type SectorSeats = Record<Sector, number>;

interface CallDefinition {
  status: "OPEN" | "CLOSED";
  /** 0 for this year's intake, 1 for last year's. */
  yearsAgo: number;
  description: (cohortYear: number) => string;
  rubric: readonly { key: CriterionKey; weight: number }[];
  hasInterview: boolean;
  /** Seats per sector at each open site; a cohort's capacity is their sum. */
  cohortSeats: Record<string, SectorSeats>;
}

const SUPPORT_PARAGRAPH =
  "Les projets retenus bénéficient de douze mois d'incubation : réseautage avec les entreprises du réseau, " +
  "accès au financement (bourses d'amorçage, investisseurs partenaires), montée en compétences par des ateliers " +
  "et du mentorat, et accès au marché grâce aux programmes d'achat des grands comptes.";

const OPEN_CALL: CallDefinition = {
  status: "OPEN",
  yearsAgo: 0,
  description: (year) =>
    `Le réseau Technopark lance l'appel à candidatures de sa cohorte ${year} d'incubation. Il s'adresse aux ` +
    "porteur·ses de projets innovants dans les nouvelles technologies, les technologies vertes (Green Tech) et les " +
    "industries culturelles et créatives, qui souhaitent être accompagné·es sur l'un des sites ouverts : " +
    "Casablanca, Rabat, Tanger ou Agadir.\n\n" +
    `${SUPPORT_PARAGRAPH}\n\n` +
    "Qui peut candidater ? Toute équipe d'une à trois personnes, dont au moins une résidant au Maroc, portant un " +
    "projet de l'idée validée au premier chiffre d'affaires. Une entreprise déjà créée doit avoir moins de trois ans.\n\n" +
    "Comment se déroule la sélection ? Présélection sur l'éligibilité, évaluation anonyme par trois évaluateur·rices " +
    "selon la grille publiée, entretien (pitch) pour les projets présélectionnés, puis comité de sélection. Chaque " +
    "candidature reçoit une réponse par e-mail.",
  rubric: [
    { key: "innovation", weight: 0.25 },
    { key: "market", weight: 0.2 },
    { key: "team", weight: 0.2 },
    { key: "impact", weight: 0.2 },
    { key: "feasibility", weight: 0.15 },
  ],
  hasInterview: true,
  cohortSeats: {
    casablanca: { NEW_TECH: 6, GREEN_TECH: 3, CULTURAL_INDUSTRIES: 3 },
    rabat: { NEW_TECH: 4, GREEN_TECH: 3, CULTURAL_INDUSTRIES: 3 },
    tanger: { NEW_TECH: 3, GREEN_TECH: 3, CULTURAL_INDUSTRIES: 2 },
    agadir: { NEW_TECH: 2, GREEN_TECH: 4, CULTURAL_INDUSTRIES: 2 },
  },
};

const CLOSED_CALL: CallDefinition = {
  status: "CLOSED",
  yearsAgo: 1,
  description: (year) =>
    `Appel à candidatures de la cohorte ${year} du réseau Technopark, ouvert aux projets innovants des nouvelles ` +
    "technologies, des technologies vertes et des industries culturelles et créatives, sur les sites de Casablanca, " +
    `Rabat, Tanger et Agadir.\n\n${SUPPORT_PARAGRAPH}`,
  rubric: [
    { key: "innovation", weight: 0.3 },
    { key: "market", weight: 0.25 },
    { key: "team", weight: 0.25 },
    { key: "feasibility", weight: 0.2 },
  ],
  hasInterview: false,
  cohortSeats: {
    casablanca: { NEW_TECH: 5, GREEN_TECH: 3, CULTURAL_INDUSTRIES: 2 },
    rabat: { NEW_TECH: 4, GREEN_TECH: 2, CULTURAL_INDUSTRIES: 2 },
    tanger: { NEW_TECH: 3, GREEN_TECH: 2, CULTURAL_INDUSTRIES: 1 },
    agadir: { NEW_TECH: 2, GREEN_TECH: 3, CULTURAL_INDUSTRIES: 1 },
  },
};

/** How the open call's applications beyond the guaranteed two per status are spread. */
const OPEN_CALL_STATUS_WEIGHTS: Record<ApplicationStatus, number> = {
  DRAFT: 14,
  SUBMITTED: 12,
  SCREENING: 8,
  REVIEW: 14,
  INTERVIEW: 6,
  COMMITTEE: 6,
  ACCEPTED: 5,
  WAITLISTED: 6,
  REJECTED: 17,
  ENROLLED: 4,
  DECLINED: 2,
  WITHDRAWN: 6,
};

/** Last year's call is over: only final states remain. */
const CLOSED_CALL_STATUS_WEIGHTS: Partial<Record<ApplicationStatus, number>> = {
  ENROLLED: 30,
  REJECTED: 42,
  WAITLISTED: 8,
  DECLINED: 8,
  WITHDRAWN: 12,
};

const SECTOR_WEIGHTS: Record<Sector, number> = { NEW_TECH: 50, GREEN_TECH: 30, CULTURAL_INDUSTRIES: 20 };
const STAGE_WEIGHTS: Record<ProjectStage, number> = { IDEA: 20, PROTOTYPE: 30, MVP: 30, REVENUE: 20 };
const LOCALE_WEIGHTS: Record<Locale, number> = { fr: 76, en: 12, ar: 12 };
const TEAM_SIZE_WEIGHTS = [[1, 30], [2, 45], [3, 25]] as const;

/** Range of an application's underlying quality (1–5) by where it ended up, so scores match outcomes. */
const QUALITY_BY_STATUS: Partial<Record<ApplicationStatus, [number, number]>> = {
  REVIEW: [2, 4.6],
  INTERVIEW: [3.4, 4.6],
  COMMITTEE: [3, 4.5],
  ACCEPTED: [3.9, 4.8],
  ENROLLED: [3.9, 4.8],
  DECLINED: [3.7, 4.6],
  WAITLISTED: [3.3, 3.9],
  REJECTED: [1.6, 3.2],
};

const FEMALE_FIRST_NAMES = [
  "Salma", "Khadija", "Imane", "Nadia", "Yasmine", "Meryem", "Fatima Zahra", "Hajar", "Sara", "Houda", "Asmae",
  "Kenza", "Ghita", "Oumaima", "Zineb", "Loubna", "Hind", "Siham", "Rim", "Amal", "Noura", "Samira", "Ikram",
  "Chaimae", "Soukaina", "Widad", "Btissam", "Najat", "Latifa", "Ilham", "Aya", "Malak", "Nisrine", "Hanane",
];
const MALE_FIRST_NAMES = [
  "Youssef", "Omar", "Hamza", "Mehdi", "Karim", "Anas", "Ayoub", "Amine", "Othmane", "Reda", "Yassine", "Ilyas",
  "Soufiane", "Hicham", "Rachid", "Saïd", "Adil", "Nabil", "Tarik", "Zakaria", "Badr", "Ismaïl", "Khalid", "Mourad",
  "Driss", "Walid", "Hassan", "Abdelilah", "Marouane", "Ali", "Mohamed", "Brahim", "Lahcen", "Taha",
];
const LAST_NAMES = [
  "Bennani", "El Amrani", "Benjelloun", "Tazi", "Chraibi", "Alaoui", "Berrada", "Ouazzani", "Lahlou", "El Fassi",
  "Sqalli", "Idrissi", "Bouzidi", "Naciri", "Kettani", "Cherkaoui", "Lamrani", "Filali", "Benali", "Zniber",
  "El Ouafi", "Slaoui", "Tahiri", "Haddad", "Belkadi", "Mansouri", "Ait Ouahmane", "Ait Lahcen", "Oubaha",
  "Boutaleb", "Ziani", "Rifi", "Chafik", "Hajji", "Bakkali", "Touimi", "Essaadi", "Ouchen", "Laaroussi",
  "Moutaouakil", "Ennaji", "Jabri", "Kabbaj", "Sebti", "Guessous", "Tounsi", "Amzil", "Bouhaddou", "Outaleb",
];

const CO_FOUNDER_ROLES = [
  "Directeur·rice technique (CTO)",
  "Responsable produit",
  "Responsable commercial·e",
  "Designer UX",
  "Responsable des opérations",
  "Data scientist",
  "Responsable financier·ère",
  "Responsable partenariats",
];

// ─── Project texts ───────────────────────────────────────────────────────────
// Templates are filled with {town}, {region}, {pct}, {count}, {months}…; a theme
// gives a project its subject, the pools below vary the wording around it.

interface ProjectTheme {
  sector: Sector;
  brands: readonly string[];
  taglines: readonly string[];
  problem: string;
  solution: string;
  market: string;
}

const PROJECT_THEMES: readonly ProjectTheme[] = [
  {
    sector: "NEW_TECH",
    brands: ["Tabib", "Chifa", "SahaLink", "MedAtlas"],
    taglines: [
      "Téléconsultation et suivi des maladies chroniques pour les patient·es des communes rurales de la région {region}.",
      "Le carnet de santé partagé qui relie patient·es diabétiques, pharmacies et médecins de {town}.",
    ],
    problem:
      "Autour de {town}, un·e patient·e diabétique parcourt souvent plus de 40 km pour une consultation de suivi ; " +
      "près de {pct} % abandonnent leur traitement faute de contrôle régulier.",
    solution:
      "Une application mobile en darija et en français relie les patient·es aux médecins généralistes partenaires : " +
      "rappels par SMS, carnet de glycémie partagé et téléconsultation qui fonctionne en bas débit.",
    market:
      "Plus de deux millions de Marocain·es vivent avec le diabète. Cible initiale : cliniques privées et mutuelles, " +
      "facturées par abonnement mensuel par patient·e suivi·e.",
  },
  {
    sector: "NEW_TECH",
    brands: ["Flouss", "HanoutPay", "Tijara", "Carnet"],
    taglines: [
      "Le paiement par QR code et la caisse sur smartphone pour les épiceries de quartier de {town}.",
      "Numériser le « carnet » de crédit des commerçant·es de proximité pour leur ouvrir l'accès au microcrédit.",
    ],
    problem:
      "Près de {pct} % des petits commerces n'acceptent que les espèces : ils perdent des ventes et n'ont aucun " +
      "historique qui leur permettrait d'obtenir un crédit.",
    solution:
      "Une application transforme le téléphone du commerçant en terminal de paiement par QR code, tient la caisse et " +
      "le crédit client, puis partage cet historique, avec son accord, avec des institutions de microfinance.",
    market:
      "Le Maroc compte près d'un million de commerces de proximité. Revenus : commission de 0,8 % par transaction et " +
      "abonnement premium pour la gestion des stocks.",
  },
  {
    sector: "NEW_TECH",
    brands: ["Madrasa", "Qalam", "EduNour", "Taalim"],
    taglines: [
      "Soutien scolaire adaptatif en arabe et en français pour les collégien·nes, même sans connexion.",
      "Des exercices personnalisés alignés sur le programme marocain et un bilan hebdomadaire envoyé aux parents.",
    ],
    problem:
      "À {town}, les cours particuliers coûtent plusieurs centaines de dirhams par mois ; les familles modestes en sont " +
      "exclues et {pct} % des élèves de collège déclarent décrocher en mathématiques.",
    solution:
      "Une plateforme d'exercices adaptatifs qui fonctionne hors ligne sur un téléphone d'entrée de gamme et envoie un " +
      "bilan hebdomadaire aux parents par WhatsApp.",
    market:
      "Environ 1,7 million de collégien·nes au Maroc. Modèle freemium pour les familles, licences annuelles pour les " +
      "écoles privées et les associations de soutien scolaire.",
  },
  {
    sector: "NEW_TECH",
    brands: ["Wassl", "Tawsil", "Colisat", "RoutaFlow"],
    taglines: [
      "Des tournées de livraison optimisées pour les e-commerçant·es et transporteurs indépendants de {town}.",
      "Livrer du premier coup, même sans adresse précise, grâce au géocodage des repères locaux.",
    ],
    problem:
      "Les livreurs indépendants roulent à vide sur {pct} % de leurs trajets, et les adresses imprécises multiplient " +
      "les échecs de livraison et les retours.",
    solution:
      "Un logiciel de planification de tournées qui géocode les adresses informelles (repères, commerces voisins) et " +
      "partage le suivi en temps réel avec le client final.",
    market:
      "Le commerce en ligne marocain croît de plus de 20 % par an. Cible : transporteurs régionaux et e-commerçant·es, " +
      "facturé·es à la livraison réussie.",
  },
  {
    sector: "NEW_TECH",
    brands: ["Sanad", "MotorSense", "Raqib", "Atlas Predict"],
    taglines: [
      "Capteurs et intelligence artificielle pour prévenir les pannes des machines dans les usines de la région {region}.",
      "La maintenance prédictive à la portée des PME industrielles marocaines.",
    ],
    problem:
      "Dans les PME industrielles autour de {town}, une panne imprévue immobilise une ligne de production pendant " +
      "des heures et représente jusqu'à {pct} % des arrêts de production.",
    solution:
      "Des capteurs de vibration à bas coût, couplés à un modèle d'apprentissage automatique entraîné sur les machines " +
      "du client, alertent avant la panne et planifient l'intervention.",
    market:
      "Plus de 8 000 unités industrielles au Maroc, concentrées à Tanger, Kénitra et Casablanca. Abonnement mensuel " +
      "par machine surveillée.",
  },
  {
    sector: "NEW_TECH",
    brands: ["Fellah", "SoukDirect", "Mahsoul", "Ardi"],
    taglines: [
      "La place de marché qui relie les coopératives agricoles de la région {region} aux restaurants et épiceries fines.",
      "Commandes groupées, logistique mutualisée et traçabilité pour les petit·es producteur·rices de {town}.",
    ],
    problem:
      "Les petit·es producteur·rices vendent à des intermédiaires qui captent jusqu'à {pct} % du prix final, sans " +
      "aucune visibilité sur la demande.",
    solution:
      "Une plateforme B2B de commande groupée avec logistique mutualisée, paiement sécurisé sous 48 heures et " +
      "traçabilité de chaque lot.",
    market:
      "Plus de 5 000 coopératives agricoles et des dizaines de milliers de restaurants et commerces. Commission de " +
      "8 % sur chaque commande.",
  },
  {
    sector: "GREEN_TECH",
    brands: ["Saqia", "IrriSol", "SahraWater", "Nabaa"],
    taglines: [
      "Piloter l'irrigation goutte-à-goutte par capteurs et pompage solaire pour les exploitations de la région {region}.",
      "Chaque goutte compte : des sondes d'humidité et des conseils vocaux en darija pour les agriculteur·rices.",
    ],
    problem:
      "Le stress hydrique menace l'agriculture de la région {region} : les nappes baissent chaque année et " +
      "{pct} % des petites exploitations irriguent encore « à l'œil ».",
    solution:
      "Des sondes d'humidité du sol reliées à un boîtier qui commande la pompe solaire et l'arrosage, avec des " +
      "conseils envoyés en darija par message vocal.",
    market:
      "Des dizaines de milliers d'exploitations irriguées de moins de cinq hectares. Vente du kit et abonnement annuel, " +
      "éligibles aux subventions du Fonds de développement agricole.",
  },
  {
    sector: "GREEN_TECH",
    brands: ["Recyclo", "Dawra", "EcoBrique", "PlastiPav"],
    taglines: [
      "Transformer les déchets plastiques de {town} en pavés et en mobilier urbain.",
      "Une micro-usine de recyclage qui emploie les récupérateur·rices organisé·es en coopérative.",
    ],
    problem:
      "Une faible part des déchets plastiques est recyclée ; le reste finit en décharge ou dans la nature, alors que " +
      "des récupérateurs informels collectent déjà près de {pct} % du gisement.",
    solution:
      "Une micro-usine de tri et de compression transforme le plastique collecté par une coopérative de " +
      "récupérateur·rices en pavés autobloquants et en bancs publics.",
    market:
      "Communes, promoteurs immobiliers et aménageurs. Nos pavés coûtent 15 % de moins que le béton à performances " +
      "équivalentes.",
  },
  {
    sector: "GREEN_TECH",
    brands: ["Taqa", "WattWise", "Chamsi", "NourEnergy"],
    taglines: [
      "Audit énergétique en ligne et panneaux solaires payés sur les économies, pour les PME de {town}.",
      "Réduire la facture d'énergie des hammams et boulangeries traditionnels grâce au solaire thermique.",
    ],
    problem:
      "L'énergie pèse jusqu'à {pct} % des charges des petites entreprises ; les hammams traditionnels consomment " +
      "encore de grandes quantités de bois de chauffe.",
    solution:
      "Un outil d'audit à partir des factures, un réseau d'installateurs certifiés et un paiement échelonné adossé " +
      "aux économies réellement mesurées.",
    market:
      "Plus de 10 000 hammams et des centaines de milliers de TPE. Marge sur l'installation et abonnement de suivi " +
      "de la performance.",
  },
  {
    sector: "GREEN_TECH",
    brands: ["Compostia", "BioDar", "Smad", "TerraSouss"],
    taglines: [
      "Collecter les déchets organiques des marchés de {town} et les transformer en compost certifié.",
      "Du souk au champ : un compost local qui remplace une partie des engrais importés.",
    ],
    problem:
      "Les déchets organiques représentent plus de la moitié des ordures ménagères et saturent les décharges, tandis " +
      "que {pct} % des sols agricoles de la région {region} manquent de matière organique.",
    solution:
      "Une collecte organisée auprès des marchés de gros et des restaurants, une plateforme de compostage accéléré et " +
      "la vente de compost certifié aux agriculteur·rices.",
    market:
      "Communes (redevance de collecte) et exploitations agricoles, maraîchage et arboriculture en tête.",
  },
  {
    sector: "GREEN_TECH",
    brands: ["Volta", "Tricy", "EMotoAtlas", "Sayara"],
    taglines: [
      "Triporteurs électriques et stations d'échange de batteries pour la livraison urbaine à {town}.",
      "Une livraison du dernier kilomètre sans bruit ni fumée, avec des batteries louées à la journée.",
    ],
    problem:
      "La livraison urbaine repose sur des scooters thermiques bruyants et polluants ; le carburant représente " +
      "{pct} % des dépenses d'un livreur indépendant.",
    solution:
      "Des triporteurs électriques assemblés localement et un réseau de stations où l'on échange une batterie vide " +
      "contre une pleine en deux minutes.",
    market:
      "Des dizaines de milliers de livreur·ses dans les grandes villes. Location des batteries à l'abonnement et vente " +
      "de flottes aux enseignes de distribution.",
  },
  {
    sector: "GREEN_TECH",
    brands: ["AquaAtlas", "SolarDrop", "Bahr", "DessalNet"],
    taglines: [
      "De petites unités de dessalement solaire pour les villages côtiers de la région {region}.",
      "L'eau potable produite sur place, à l'énergie solaire, sans réseau électrique.",
    ],
    problem:
      "Des villages côtiers autour de {town} dépendent de camions-citernes : l'eau y coûte jusqu'à dix fois plus " +
      "cher qu'en ville et {pct} % des foyers ne sont pas raccordés au réseau.",
    solution:
      "Une unité de dessalement par osmose inverse alimentée au solaire, conteneurisée et surveillée à distance, " +
      "gérée par une association locale.",
    market:
      "Communes rurales, campings, exploitations agricoles et unités touristiques du littoral. Vente ou location avec " +
      "contrat de maintenance.",
  },
  {
    sector: "CULTURAL_INDUSTRIES",
    brands: ["Sanaa", "Zellij", "DarMaalem", "Tarz"],
    taglines: [
      "Vendre l'artisanat de {town} dans le monde entier, avec un prix juste pour les maâlems.",
      "Des pièces d'artisanat signées et traçables, de l'atelier au salon de l'acheteur.",
    ],
    problem:
      "Les artisan·es ne perçoivent qu'une petite part du prix final de leurs pièces ; près de {pct} % des ateliers " +
      "n'ont aucun accès direct aux acheteurs étrangers.",
    solution:
      "Une boutique en ligne curatée, un service de photographie et de logistique à l'export, et un certificat " +
      "d'authenticité qui raconte l'atelier.",
    market:
      "Décoration et art de vivre en Europe et en Amérique du Nord. Marge de 30 % partagée de manière transparente " +
      "avec les ateliers.",
  },
  {
    sector: "CULTURAL_INDUSTRIES",
    brands: ["KanYaMakan", "DjinnGames", "AtlasQuest", "Hikaya"],
    taglines: [
      "Un jeu vidéo d'aventure inspiré des contes marocains, pour mobile et console.",
      "Faire découvrir le patrimoine oral marocain aux joueur·ses du monde entier.",
    ],
    problem:
      "Les joueur·ses marocain·es consomment presque exclusivement des jeux étrangers ; {pct} % d'entre eux disent " +
      "vouloir des histoires qui leur ressemblent.",
    solution:
      "Un jeu narratif en arabe, amazigh, français et anglais, développé par un studio de {town}, avec une bande " +
      "originale enregistrée par des musicien·nes locaux.",
    market:
      "Marché mondial du jeu mobile et diaspora maghrébine. Vente premium sur consoles, version mobile gratuite avec " +
      "achats intégrés.",
  },
  {
    sector: "CULTURAL_INDUSTRIES",
    brands: ["Nagham", "Sawt", "Mizan", "GnawaBeats"],
    taglines: [
      "La plateforme de diffusion et de gestion des droits des artistes gnaoua, chaâbi et amazighs.",
      "Que chaque écoute rapporte aux musicien·nes de {town}.",
    ],
    problem:
      "Les artistes des musiques traditionnelles touchent rarement leurs droits : près de {pct} % de leurs titres " +
      "circulent sans être déclarés.",
    solution:
      "Un service qui numérise les catalogues, distribue les titres sur les plateformes d'écoute, identifie les " +
      "diffusions et reverse les droits chaque mois.",
    market:
      "Des milliers d'artistes et de labels indépendants au Maroc et au Maghreb. Commission de 15 % sur les revenus " +
      "collectés.",
  },
  {
    sector: "CULTURAL_INDUSTRIES",
    brands: ["Riwaya", "MedinaGuide", "QasbaVR", "Tourath"],
    taglines: [
      "Des parcours en réalité augmentée dans la médina de {town}, racontés par des conteur·ses locaux.",
      "Faire revivre le patrimoine des médinas sur le téléphone des visiteur·ses.",
    ],
    problem:
      "Les visiteur·ses traversent les médinas sans en comprendre l'histoire ; {pct} % d'entre eux ne restent qu'une " +
      "demi-journée et consomment peu auprès des commerces locaux.",
    solution:
      "Une application de parcours géolocalisés en réalité augmentée, en plusieurs langues, avec des récits enregistrés " +
      "par des conteur·ses et des bons plans chez les artisan·es du parcours.",
    market:
      "Plus de 14 millions de touristes par an. Vente de parcours à l'unité, licences aux offices du tourisme et aux " +
      "riads.",
  },
  {
    sector: "CULTURAL_INDUSTRIES",
    brands: ["StudioTifinagh", "AnimAtlas", "Lqamra", "Zwaq"],
    taglines: [
      "Un studio d'animation 2D qui produit des séries éducatives en arabe, amazigh et français.",
      "Des dessins animés qui parlent aux enfants marocains dans leurs langues.",
    ],
    problem:
      "Les programmes jeunesse diffusés au Maroc sont presque tous importés : {pct} % des parents interrogés " +
      "regrettent l'absence de contenus en darija et en amazigh.",
    solution:
      "Un studio d'animation basé à {town} qui coproduit des séries courtes avec des chaînes et des plateformes, et " +
      "forme de jeunes animateur·rices.",
    market:
      "Chaînes publiques, plateformes de streaming arabophones et ministère de l'Éducation. Préventes de droits et " +
      "licences de produits dérivés.",
  },
  {
    sector: "CULTURAL_INDUSTRIES",
    brands: ["Hayk", "Fibra", "Tissage", "Bzioui"],
    taglines: [
      "Une mode contemporaine tissée à la main par les coopératives féminines de la région {region}.",
      "Des vêtements durables qui valorisent les savoir-faire textiles des tisserandes de {town}.",
    ],
    problem:
      "Les tisserandes des coopératives rurales vendent leurs pièces à bas prix sur les souks ; {pct} % de leur " +
      "production reste invendue faute de modèles adaptés aux goûts actuels.",
    solution:
      "Un bureau de style qui conçoit des collections avec les coopératives, garantit les commandes et vend en ligne " +
      "et dans des concept stores.",
    market:
      "Clientèle urbaine marocaine et export vers l'Europe. Collections capsules, partenariats avec des hôtels et des " +
      "enseignes engagées.",
  },
];

const BRAND_SUFFIXES = ["", "", "", " Maroc", " Tech", " Lab", " Connect", " Solutions", " Hub", " Go", " Pro", " Plus", "ly"];

const PROBLEM_EVIDENCE = [
  "Nos entretiens avec {count} personnes concernées confirment que ce besoin n'est pas couvert aujourd'hui.",
  "Les solutions existantes sont importées, chères et mal adaptées au contexte local.",
  "Les acteurs publics reconnaissent le problème mais manquent d'outils concrets pour y répondre.",
  "Ce constat ressort aussi des données publiques du Haut-Commissariat au Plan.",
];
const SOLUTION_ROLLOUT = [
  "La première version cible {town} avant un déploiement dans les autres régions.",
  "Nous nous appuyons sur des partenaires locaux pour la distribution et l'installation.",
  "La solution est pensée pour des utilisateur·rices peu équipé·es : interface simple, langue locale, faible coût.",
  "L'accompagnement du Technopark nous permettra de passer du pilote à l'industrialisation.",
];
const MARKET_COMPETITION = [
  "Concurrence : des acteurs internationaux peu présents hors des grandes villes.",
  "Nous visons ensuite l'Afrique de l'Ouest francophone, où les mêmes besoins existent.",
  "Aucun concurrent local ne combine aujourd'hui ces services dans une seule offre.",
  "Notre avantage : la proximité avec le terrain et des coûts de production locaux.",
];
const TRACTION_BY_STAGE: Record<ProjectStage, readonly string[]> = {
  IDEA: [
    "Étude de terrain auprès de {count} client·es potentiel·les : {pct} % se disent prêt·es à payer.",
    "Projet lauréat d'un hackathon régional ; lettre d'intention signée avec un premier partenaire.",
  ],
  PROTOTYPE: [
    "Prototype fonctionnel testé pendant {weeks} semaines avec {count} utilisateur·rices pilotes à {town}.",
    "Prototype présenté à trois clients potentiels ; deux tests pilotes programmés pour le prochain trimestre.",
  ],
  MVP: [
    "Produit en ligne depuis {months} mois : {users} utilisateur·rices inscrit·es, dont {pct} % actif·ves chaque semaine.",
    "MVP déployé chez {count} client·es pilotes ; premier contrat payant en cours de négociation.",
  ],
  REVENUE: [
    "{revenue} MAD de chiffre d'affaires sur les douze derniers mois, {count} client·es payant·es, {growth} % de croissance mensuelle.",
    "Rentable sur le segment pilote : {count} client·es récurrent·es et un carnet de commandes de {revenue} MAD.",
  ],
};

const COMMENT_BY_RECOMMENDATION: Record<Recommendation, readonly string[]> = {
  STRONG_YES: [
    "Dossier remarquable : équipe solide, traction réelle, à soutenir en priorité.",
    "Très bon projet, innovant et bien positionné sur son marché. Je recommande fortement.",
  ],
  YES: [
    "Projet convaincant ; le modèle économique mérite d'être précisé en entretien.",
    "Bonne équipe et besoin avéré. Quelques doutes sur le calendrier, sans gravité.",
  ],
  MAYBE: [
    "Idée intéressante mais la validation terrain reste mince ; à discuter en comité.",
    "Potentiel réel, équipe encore incomplète sur les aspects commerciaux.",
  ],
  NO: [
    "Le besoin est mal démontré et la solution peu différenciée.",
    "Projet trop en amont pour cette cohorte ; à encourager à candidater à nouveau.",
  ],
};
const FOUNDER_FEEDBACK = [
  "Précisez votre modèle de revenus et le coût d'acquisition d'un client.",
  "Votre pitch gagnerait à chiffrer la taille du marché adressable.",
  "Renforcez l'équipe sur les compétences commerciales.",
  "Appuyez votre dossier sur des retours d'utilisateur·rices pilotes.",
  "Le lien entre le problème décrit et votre solution mérite d'être clarifié.",
];
const DECISION_REASONS: Partial<Record<ApplicationStatus, readonly string[]>> = {
  ACCEPTED: [
    "Le comité de sélection a retenu votre projet pour la qualité de l'équipe et son potentiel d'impact.",
    "Projet retenu : innovation claire et marché bien identifié.",
  ],
  WAITLISTED: [
    "Projet de qualité, placé sur liste d'attente faute de place disponible dans votre secteur.",
    "Le comité a apprécié votre dossier ; vous êtes sur liste d'attente et serez contacté·e si une place se libère.",
  ],
  REJECTED: [
    "Le comité salue votre démarche mais le projet n'est pas retenu : la validation du marché reste insuffisante.",
    "Projet non retenu pour cette cohorte ; nous vous encourageons à candidater de nouveau.",
  ],
};
const INELIGIBILITY_REASONS = [
  "Candidature non éligible : le dossier ne comporte ni pitch deck ni présentation de l'équipe.",
  "Candidature non éligible : l'entreprise a été créée il y a plus de trois ans.",
  "Candidature non éligible : aucun membre de l'équipe ne réside au Maroc.",
];

// ─── Randomness ──────────────────────────────────────────────────────────────

/** The few random draws the planner needs, on one seeded faker (French locale) instance. */
class SeedRandom {
  constructor(private readonly faker: Faker) {}

  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }
  float(min: number, max: number): number {
    return this.faker.number.float({ min, max });
  }
  chance(probability: number): boolean {
    return this.faker.datatype.boolean({ probability });
  }
  pick<T>(items: readonly T[]): T {
    return this.faker.helpers.arrayElement(items);
  }
  /** One of the choices, each as likely as its weight. */
  pickWeighted<T>(choices: readonly (readonly [T, number])[]): T {
    return this.faker.helpers.weightedArrayElement(choices.map(([value, weight]) => ({ value, weight })));
  }
  pickWeightedKey<K extends string>(weights: Partial<Record<K, number>>): K {
    return this.pickWeighted(Object.entries(weights) as [K, number][]);
  }
  sample<T>(items: readonly T[], count: number): T[] {
    return this.faker.helpers.arrayElements([...items], count);
  }
  shuffle<T>(items: readonly T[]): T[] {
    return this.faker.helpers.shuffle([...items]);
  }
  /** A time in [start, end], to the minute; `end` earlier than `start` collapses to `start`. */
  between(start: number, end: number): Date {
    return new Date(start + this.int(0, Math.max(0, Math.floor((end - start) / MINUTE))) * MINUTE);
  }
  moroccanName(): string {
    const firstNames = this.chance(0.5) ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES;
    return `${this.pick(firstNames)} ${this.pick(LAST_NAMES)}`;
  }
  /** Co-founders are mostly Moroccan; some come from the French diaspora or abroad. */
  teammateName(): string {
    return this.chance(0.85) ? this.moroccanName() : this.faker.person.fullName();
  }
}

// Faker is a dev dependency: load it only when seeding, so that a production server
// can import DEMO_ACCOUNTS from this module.
async function createRandom(seed: number): Promise<SeedRandom> {
  const { Faker, fr, en, base } = await import("@faker-js/faker");
  const faker = new Faker({ locale: [fr, en, base] }); // = fakerFR, but private to this run
  faker.seed(seed);
  return new SeedRandom(faker);
}

// Ids are random (only the contents must be reproducible) and cuid-shaped like Prisma's:
// "c", the time, a counter, then random base-36 characters drawn from a pooled buffer
// (one randomBytes call per id would cost a second on the large seed).
const ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
const ID_RANDOM_CHARS = 12;
let idCounter = 0;
let entropy = Buffer.alloc(0);
let entropyOffset = 0;
function newId(): string {
  if (entropyOffset + ID_RANDOM_CHARS > entropy.length) {
    entropy = randomBytes(ID_RANDOM_CHARS * 4096);
    entropyOffset = 0;
  }
  let random = "";
  for (let index = 0; index < ID_RANDOM_CHARS; index++) random += ID_ALPHABET[entropy[entropyOffset++] % ID_ALPHABET.length];
  idCounter = (idCounter + 1) % 36 ** 4;
  return `c${Date.now().toString(36)}${idCounter.toString(36).padStart(4, "0")}${random}`;
}

// ─── Planning ────────────────────────────────────────────────────────────────

interface SeedRows {
  sites: Prisma.SiteCreateManyInput[];
  users: Prisma.UserCreateManyInput[];
  userRoles: Prisma.UserRoleCreateManyInput[];
  /** Created one by one with their sites of expertise (an implicit many-to-many relation). */
  reviewerProfiles: (Prisma.ReviewerProfileCreateManyInput & { siteIds: string[] })[];
  calls: Prisma.CallCreateManyInput[];
  criteria: Prisma.CriterionCreateManyInput[];
  cohorts: Prisma.CohortCreateManyInput[];
  cohortQuotas: Prisma.CohortQuotaCreateManyInput[];
  applications: Prisma.ApplicationCreateManyInput[];
  teamMembers: Prisma.TeamMemberCreateManyInput[];
  attachments: Prisma.AttachmentCreateManyInput[];
  reviewAssignments: Prisma.ReviewAssignmentCreateManyInput[];
  reviews: Prisma.ReviewCreateManyInput[];
  reviewScores: Prisma.ReviewScoreCreateManyInput[];
  offers: Prisma.OfferCreateManyInput[];
  auditEvents: Prisma.AuditEventCreateManyInput[];
}

interface PlannedSite extends SiteDefinition {
  id: string;
}

interface PlannedCohort {
  row: Prisma.CohortCreateManyInput;
  baseSeats: SectorSeats;
  /** Seats held by accepted (offer pending) and enrolled applicants, by sector. */
  seatsTaken: SectorSeats;
}

interface PlannedCall {
  id: string;
  opensAt: number;
  /** Applications were created and submitted before this instant. */
  submissionsEndAt: number;
  /** Nothing on this call (review, withdrawal, answer to an offer) happens after this instant. */
  activityEndsAt: number;
  /** The committee's decisions were released in one batch at this instant. */
  decisionsReleasedAt: number;
  offerResponseDays: number;
  reviewersPerApplication: number;
  criteria: { id: string; weight: number }[];
  cohortsBySite: Map<string, PlannedCohort>;
  /** Assignments per reviewer id on this call. */
  reviewerLoads: Map<string, number>;
  /** How many REVIEW-status applications were planned so far (see nextInProgressReviewCount). */
  inProgressReviewCounter: number;
}

interface PlannedReviewer {
  id: string;
  sectors: readonly Sector[];
  bias: number;
  profile: SeedRows["reviewerProfiles"][number];
}

interface PlannedFounder {
  user: Prisma.UserCreateManyInput;
  id: string;
  name: string;
  email: string;
}

interface SeedPlan extends SeedRows {
  adminCount: number;
  reviewerCount: number;
  founderCount: number;
  openCallStatuses: Record<ApplicationStatus, number>;
}

interface Planner {
  random: SeedRandom;
  now: number;
  rows: SeedRows;
  reviewers: PlannedReviewer[];
  sitesBySlug: Map<string, PlannedSite>;
  /** The one stored file every seeded pitch deck points at. */
  pitchDeck: StoredFile;
}

function planSeed(
  random: SeedRandom,
  { applications, now, passwordHash, pitchDeck }: { applications: number; now: Date; passwordHash: string; pitchDeck: StoredFile },
): SeedPlan {
  const rows: SeedRows = {
    sites: [], users: [], userRoles: [], reviewerProfiles: [], calls: [], criteria: [], cohorts: [],
    cohortQuotas: [], applications: [], teamMembers: [], attachments: [], reviewAssignments: [], reviews: [],
    reviewScores: [], offers: [], auditEvents: [],
  };
  const planner: Planner = { random, now: now.getTime(), rows, reviewers: [], sitesBySlug: new Map(), pitchDeck };

  planSites(planner);
  const openCall = planCall(planner, OPEN_CALL);
  const closedCall = planCall(planner, CLOSED_CALL);

  const userCreatedAt = new Date(closedCall.opensAt - 30 * DAY);
  addUser(planner, { ...DEMO_ADMIN, roles: ["ADMIN"], passwordHash, createdAt: userCreatedAt });
  planReviewers(planner, applications > LARGE_SEED_THRESHOLD ? LARGE_SEED_REVIEWERS : DEMO_REVIEWERS.length, passwordHash, userCreatedAt);
  const founders = planFounders(planner, Math.max(DEMO_FOUNDERS, applications), passwordHash);

  const openCallStatuses = planOpenCallStatuses(random, applications);
  openCallStatuses.forEach((status, index) => planApplication(planner, openCall, founders[index], status));

  const closedCallFounders = founders.filter((_, index) => index % CLOSED_CALL_FOUNDER_STRIDE === CLOSED_CALL_FOUNDER_STRIDE - 1);
  const closedCallFinalStates = Object.keys(CLOSED_CALL_STATUS_WEIGHTS) as ApplicationStatus[];
  const closedCallStatuses = planStatuses(random, closedCallFounders.length, closedCallFinalStates, CLOSED_CALL_STATUS_WEIGHTS);
  closedCallStatuses.forEach((status, index) => planApplication(planner, closedCall, closedCallFounders[index], status));

  for (const call of [openCall, closedCall]) sizeCohorts(planner, call);
  sizeReviewerLoads(planner, openCall);
  backdateFounderAccounts(planner, founders, openCall);

  return {
    ...rows,
    adminCount: 1,
    reviewerCount: planner.reviewers.length,
    founderCount: founders.length,
    openCallStatuses: countBy(APPLICATION_STATUSES, openCallStatuses),
  };
}

function planSites(planner: Planner): void {
  SITES.forEach((site, index) => {
    const planned: PlannedSite = { ...site, id: newId() };
    planner.sitesBySlug.set(site.slug, planned);
    const { slug, name, nameAr, region, status } = site;
    planner.rows.sites.push({ id: planned.id, slug, name, nameAr, region, status, sortOrder: index + 1 });
  });
}

function planCall(planner: Planner, definition: CallDefinition): PlannedCall {
  const { now, rows } = planner;
  const yearShift = definition.yearsAgo * 365 * DAY;
  // Opens 20 days before now at 09:00 and closes 30 days after at 23:59, Casablanca time (UTC+1).
  const opensAt = atUtcTime(now - 20 * DAY - yearShift, 8, 0);
  const closesAt = atUtcTime(now + 30 * DAY - yearShift, 22, 59);
  const isOpen = definition.status === "OPEN";
  const offerResponseDays = 7;
  // The open call already had a first wave of decisions: a live demo needs offers to answer.
  const decisionsReleasedAt = isOpen ? atUtcTime(now - 3 * DAY, 10, 0) : closesAt + 30 * DAY;
  const call: PlannedCall = {
    id: newId(),
    opensAt,
    submissionsEndAt: isOpen ? now - HOUR : closesAt,
    activityEndsAt: isOpen ? now - HOUR : decisionsReleasedAt + offerResponseDays * DAY,
    decisionsReleasedAt,
    offerResponseDays,
    reviewersPerApplication: 3,
    criteria: [],
    cohortsBySite: new Map(),
    reviewerLoads: new Map(),
    inProgressReviewCounter: 0,
  };
  const cohortStartsAt = new Date(atUtcTime(closesAt + 45 * DAY, 8, 0));
  const cohortYear = cohortStartsAt.getUTCFullYear();
  rows.calls.push({
    id: call.id,
    slug: `cohorte-${cohortYear}`,
    title: `Appel à candidatures — Cohorte ${cohortYear}`,
    description: definition.description(cohortYear),
    opensAt: new Date(opensAt),
    closesAt: new Date(closesAt),
    reviewersPerApplication: call.reviewersPerApplication,
    blindReview: true,
    hasInterview: definition.hasInterview,
    offerResponseDays: call.offerResponseDays,
    status: definition.status,
    createdAt: new Date(opensAt - 14 * DAY),
    updatedAt: new Date(isOpen ? opensAt : closesAt),
  });

  definition.rubric.forEach(({ key, weight }, position) => {
    const id = newId();
    call.criteria.push({ id, weight });
    rows.criteria.push({
      id,
      callId: call.id,
      key,
      label: JSON.stringify(CRITERIA[key].label),
      anchors: JSON.stringify(CRITERIA[key].anchors),
      weight,
      position,
    });
  });

  for (const [siteSlug, baseSeats] of Object.entries(definition.cohortSeats)) {
    const site = planner.sitesBySlug.get(siteSlug)!;
    const row: Prisma.CohortCreateManyInput = {
      id: newId(),
      callId: call.id,
      siteId: site.id,
      name: `Cohorte ${cohortYear} — ${site.name}`,
      startsAt: cohortStartsAt,
      capacity: sum(Object.values(baseSeats)),
    };
    call.cohortsBySite.set(siteSlug, { row, baseSeats, seatsTaken: zeroSeats() });
  }
  return call;
}

function addUser(
  planner: Planner,
  user: { email: string; name: string; locale: Locale; roles: Role[]; passwordHash: string; createdAt: Date },
): Prisma.UserCreateManyInput {
  const row: Prisma.UserCreateManyInput = {
    id: newId(),
    email: user.email,
    name: user.name,
    passwordHash: user.passwordHash,
    locale: user.locale,
    // Seeded accounts count as verified, like every account older than the verification step.
    emailVerifiedAt: user.createdAt,
    createdAt: user.createdAt,
    updatedAt: user.createdAt,
  };
  planner.rows.users.push(row);
  for (const role of user.roles) planner.rows.userRoles.push({ userId: row.id!, role });
  return row;
}

function planReviewers(planner: Planner, count: number, passwordHash: string, createdAt: Date): void {
  const { random } = planner;
  const openSiteSlugs = OPEN_SITES.map((site) => site.slug);
  for (let index = 0; index < count; index++) {
    const definition: ReviewerDefinition = DEMO_REVIEWERS[index] ?? {
      name: random.moroccanName(),
      locale: random.pickWeightedKey(LOCALE_WEIGHTS),
      sectors: random.sample(SECTORS, random.int(1, 2)),
      siteSlugs: random.sample(openSiteSlugs, random.int(1, 3)),
      bias: Math.round(random.float(-0.6, 0.6) * 10) / 10,
    };
    const user = addUser(planner, {
      email: reviewerEmail(index),
      name: definition.name,
      locale: definition.locale,
      roles: ["REVIEWER"],
      passwordHash,
      createdAt,
    });
    const profile = {
      userId: user.id!,
      sectors: definition.sectors.join(","),
      maxLoad: DEMO_REVIEWER_MAX_LOAD,
      siteIds: definition.siteSlugs.map((slug) => planner.sitesBySlug.get(slug)!.id),
    };
    planner.rows.reviewerProfiles.push(profile);
    planner.reviewers.push({ id: user.id!, sectors: definition.sectors, bias: definition.bias, profile });
  }
}

function planFounders(planner: Planner, count: number, passwordHash: string): PlannedFounder[] {
  const { random } = planner;
  const founders: PlannedFounder[] = [];
  for (let index = 0; index < count; index++) {
    const email = founderEmail(index);
    const name = FOUNDER_SHOWCASE[index]?.name ?? random.moroccanName();
    const locale = FOUNDER_SHOWCASE[index]?.name ? "fr" : random.pickWeightedKey(LOCALE_WEIGHTS);
    // Backdated to just before the founder's first application once those are planned.
    const user = addUser(planner, { email, name, locale, roles: ["FOUNDER"], passwordHash, createdAt: new Date(planner.now) });
    founders.push({ user, id: user.id!, name, email });
  }
  return founders;
}

/** Founders 1–12 follow FOUNDER_SHOWCASE; every status then appears once more, the rest by weight. */
function planOpenCallStatuses(random: SeedRandom, total: number): ApplicationStatus[] {
  const showcase = FOUNDER_SHOWCASE.map((entry) => entry.status).slice(0, total);
  return [...showcase, ...planStatuses(random, total - showcase.length, APPLICATION_STATUSES, OPEN_CALL_STATUS_WEIGHTS)];
}

/** `total` statuses in random order: each of `guaranteed` once (as far as total allows), the rest apportioned by weight. */
function planStatuses(
  random: SeedRandom,
  total: number,
  guaranteed: readonly ApplicationStatus[],
  weights: Partial<Record<ApplicationStatus, number>>,
): ApplicationStatus[] {
  const statuses = guaranteed.slice(0, total);
  statuses.push(...apportion(total - statuses.length, weights));
  return random.shuffle(statuses);
}

/** Splits `total` into whole counts proportional to `weights` (largest remainder method). */
function apportion<K extends string>(total: number, weights: Partial<Record<K, number>>): K[] {
  const entries = Object.entries(weights) as [K, number][];
  const weightSum = sum(entries.map(([, weight]) => weight));
  const shares = entries.map(([key, weight]) => ({ key, exact: (total * weight) / weightSum }));
  const counts = new Map(shares.map(({ key, exact }) => [key, Math.floor(exact)]));
  let left = total - sum([...counts.values()]);
  for (const { key } of [...shares].sort((a, b) => (b.exact % 1) - (a.exact % 1))) {
    if (left-- <= 0) break;
    counts.set(key, counts.get(key)! + 1);
  }
  return [...counts].flatMap(([key, count]) => Array<K>(count).fill(key));
}

// ── One application and everything hanging off it ──

/** Wizard steps in order (then review and submit); "started" = the first project fields only. */
const WIZARD_PROGRESS = ["started", "project", "team", "site", "documents"] as const;
const REVIEWED_STATUSES: readonly ApplicationStatus[] = [
  "REVIEW", "INTERVIEW", "COMMITTEE", "ACCEPTED", "WAITLISTED", "REJECTED", "ENROLLED", "DECLINED",
];
const DECIDED_STATUSES: readonly ApplicationStatus[] = ["ACCEPTED", "WAITLISTED", "REJECTED", "ENROLLED", "DECLINED"];
/** Statuses whose application was offered a seat. */
const OFFERED_STATUSES: readonly ApplicationStatus[] = ["ACCEPTED", "ENROLLED", "DECLINED"];

function planApplication(planner: Planner, call: PlannedCall, founder: PlannedFounder, status: ApplicationStatus): void {
  const { random, rows } = planner;
  const preferredSite = random.pickWeighted(OPEN_SITES.map((site) => [site.slug, site.demand] as const));
  const alternateSite = random.chance(0.4) ? random.pick(OPEN_SITES.filter((site) => site.slug !== preferredSite)).slug : null;
  const project = inventProject(random, planner.sitesBySlug.get(preferredSite)!);
  // How far the founder got in the wizard; drafts stopped somewhere along it.
  const progress = status === "DRAFT" ? random.pick(WIZARD_PROGRESS) : "documents";
  const reached = (step: (typeof WIZARD_PROGRESS)[number]) => WIZARD_PROGRESS.indexOf(progress) >= WIZARD_PROGRESS.indexOf(step);
  // A third of the rejections happen at screening (not eligible), before any review.
  const screenedOut = status === "REJECTED" && random.chance(1 / 3);
  const reviewed = REVIEWED_STATUSES.includes(status) && !screenedOut;

  // Applications that went down the pipeline were written and submitted early in the call.
  const submissionEnd = reviewed || screenedOut ? call.opensAt + 0.4 * (call.submissionsEndAt - call.opensAt) : call.submissionsEndAt;
  const createdAt = random.between(call.opensAt, submissionEnd - 6 * HOUR);
  const submittedAt =
    status === "DRAFT" ? null : random.between(createdAt.getTime() + HOUR, Math.min(createdAt.getTime() + 5 * DAY, submissionEnd));
  const lastDraftSave = status === "DRAFT" ? random.between(createdAt.getTime(), call.submissionsEndAt) : createdAt;

  const application: Prisma.ApplicationCreateManyInput & { id: string } = {
    id: newId(),
    founderId: founder.id,
    callId: call.id,
    projectName: project.name,
    tagline: project.tagline,
    problem: reached("project") ? project.problem : "",
    solution: reached("project") ? project.solution : "",
    market: reached("project") ? project.market : "",
    traction: reached("project") ? project.traction : "",
    stage: reached("project") ? project.stage : null,
    sector: reached("site") ? project.sector : null,
    preferredSiteId: reached("site") ? planner.sitesBySlug.get(preferredSite)!.id : null,
    alternateSiteId: reached("site") && alternateSite ? planner.sitesBySlug.get(alternateSite)!.id : null,
    status,
    version: 1,
    reviewCount: 0,
    submittedAt,
    createdAt,
  };
  // Everything that happened to the application; the last one is its updatedAt.
  const events: Date[] = [createdAt, lastDraftSave, ...(submittedAt ? [submittedAt] : [])];

  planTeam(planner, application.id, founder, reached("team") ? random.pickWeighted(TEAM_SIZE_WEIGHTS) : 1);
  if (reached("documents")) {
    const { sha256, size, mimeType, storageKey } = planner.pitchDeck;
    const uploadedAt = random.between(createdAt.getTime(), (submittedAt ?? lastDraftSave).getTime());
    rows.attachments.push({
      id: newId(),
      applicationId: application.id,
      kind: "PITCH_DECK",
      fileName: `${project.name} — pitch deck.pdf`,
      mimeType,
      size,
      sha256,
      storageKey,
      createdAt: uploadedAt,
    });
  }

  if (reviewed) {
    // Applications past REVIEW had all their reviews in before the committee; REVIEW ones are still collecting them.
    const reviews = planReviews(planner, call, {
      applicationId: application.id,
      sector: project.sector,
      quality: random.float(...QUALITY_BY_STATUS[status]!),
      submittedAt: submittedAt!.getTime(),
      dueBy: status === "REVIEW" ? call.activityEndsAt : call.decisionsReleasedAt - 2 * DAY,
      submittedCount: status === "REVIEW" ? nextInProgressReviewCount(call) : call.reviewersPerApplication,
    });
    application.reviewCount = reviews.length;
    if (reviews.length > 0) {
      const scores = reviews.map((review) => review.score);
      application.rawScore = mean(scores);
      application.disagreement = populationStdDev(scores);
    }
    events.push(...reviews.map((review) => review.submittedAt));
  }

  if (screenedOut) {
    application.decisionReason = random.pick(INELIGIBILITY_REASONS);
    application.decisionReleasedAt = random.between(submittedAt!.getTime() + DAY, submissionEnd + 2 * DAY);
    events.push(application.decisionReleasedAt);
  } else if (DECIDED_STATUSES.includes(status)) {
    application.decisionReason = random.pick(DECISION_REASONS[OFFERED_STATUSES.includes(status) ? "ACCEPTED" : status]!);
    application.decisionReleasedAt = new Date(call.decisionsReleasedAt);
    events.push(application.decisionReleasedAt);
  }

  if (OFFERED_STATUSES.includes(status)) {
    // Most seats are at the preferred site; some applicants were placed at their alternate.
    const seatSite = alternateSite && random.chance(0.2) ? alternateSite : preferredSite;
    const offer = planOffer(planner, call, application.id, call.cohortsBySite.get(seatSite)!, project.sector, status);
    if (status === "ENROLLED") application.enrolledCohortId = offer.cohortId;
    events.push(offer.lastEventAt);
  }

  if (status === "WITHDRAWN") {
    application.withdrawnAt = random.between(submittedAt!.getTime() + HOUR, call.activityEndsAt);
    events.push(application.withdrawnAt);
  }

  const updatedAt = new Date(Math.max(...events.map((date) => date.getTime())));
  rows.applications.push({ ...application, updatedAt });
  rows.auditEvents.push({
    id: newId(),
    subjectType: "Application",
    subjectId: application.id,
    type: "SEED",
    toState: status,
    details: JSON.stringify({ source: "prisma/seed.ts" }),
    createdAt: updatedAt,
  });
}

interface InventedProject {
  name: string;
  tagline: string;
  sector: Sector;
  stage: ProjectStage;
  problem: string;
  solution: string;
  market: string;
  traction: string;
}

const THEMES_BY_SECTOR = Object.fromEntries(
  SECTORS.map((sector) => [sector, PROJECT_THEMES.filter((theme) => theme.sector === sector)]),
) as Record<Sector, ProjectTheme[]>;

function inventProject(random: SeedRandom, site: SiteDefinition): InventedProject {
  const sector = random.pickWeightedKey(SECTOR_WEIGHTS);
  const theme = random.pick(THEMES_BY_SECTOR[sector]);
  const stage = random.pickWeightedKey(STAGE_WEIGHTS);
  const values: Record<string, string> = {
    town: random.pick(site.towns),
    region: site.region,
    pct: String(random.int(15, 70)),
    count: String(random.int(12, 300)),
    weeks: String(random.int(3, 12)),
    months: String(random.int(2, 14)),
    users: formatNumber(random.int(150, 12_000)),
    revenue: formatNumber(random.int(40, 2_400) * 1000),
    growth: String(random.int(3, 25)),
  };
  // "de {town}" elides before a vowel: "d'Agadir", "d'El Jadida".
  const fill = (template: string) =>
    template.replace(/(\bde )?\{(\w+)\}/g, (_, de: string | undefined, key: string) => {
      const value = values[key];
      return de ? (/^[AEIOUÉ]/.test(value) ? `d'${value}` : `de ${value}`) : value;
    });
  return {
    name: `${random.pick(theme.brands)}${random.pick(BRAND_SUFFIXES)}`,
    tagline: fill(random.pick(theme.taglines)),
    sector,
    stage,
    problem: fill(`${theme.problem} ${random.pick(PROBLEM_EVIDENCE)}`),
    solution: fill(`${theme.solution} ${random.pick(SOLUTION_ROLLOUT)}`),
    market: fill(`${theme.market} ${random.pick(MARKET_COMPETITION)}`),
    traction: fill(random.pick(TRACTION_BY_STAGE[stage])),
  };
}

/** The founder first, then co-founders with distinct roles. */
function planTeam(planner: Planner, applicationId: string, founder: PlannedFounder, size: number): void {
  const { random, rows } = planner;
  const founderRole = "Porteur·se du projet (CEO)";
  rows.teamMembers.push({ id: newId(), applicationId, name: founder.name, email: founder.email, role: founderRole, position: 0 });
  random.sample(CO_FOUNDER_ROLES, size - 1).forEach((role, index) => {
    const name = random.teammateName();
    rows.teamMembers.push({ id: newId(), applicationId, name, email: `${emailLocalPart(name)}@example.com`, role, position: index + 1 });
  });
}

/** REVIEW-status applications cycle through 1, 2, 0 submitted reviews so the queue shows every mix. */
function nextInProgressReviewCount(call: PlannedCall): number {
  call.inProgressReviewCounter += 1;
  return call.inProgressReviewCounter % call.reviewersPerApplication;
}

interface ReviewRound {
  applicationId: string;
  sector: Sector;
  /** The application's underlying quality on 1–5, which every reviewer perceives through their own bias. */
  quality: number;
  submittedAt: number;
  /** Reviews were all in by then. */
  dueBy: number;
  /** How many of the assignments were submitted; the others stay pending. */
  submittedCount: number;
}

/** Assigns the call's reviewers-per-application least-loaded reviewers, preferring sector experts, and writes their reviews. */
function planReviews(
  planner: Planner,
  call: PlannedCall,
  { applicationId, sector, quality, submittedAt, dueBy, submittedCount }: ReviewRound,
): { score: number; submittedAt: Date }[] {
  const { random, rows } = planner;
  const loadOf = (reviewer: PlannedReviewer) => call.reviewerLoads.get(reviewer.id) ?? 0;
  // An expert counts as three assignments less busy than a non-expert.
  const priority = (reviewer: PlannedReviewer) => loadOf(reviewer) - (reviewer.sectors.includes(sector) ? 3 : 0);
  const chosen = [...planner.reviewers].sort((a, b) => priority(a) - priority(b)).slice(0, call.reviewersPerApplication);

  const submitted: { score: number; submittedAt: Date }[] = [];
  chosen.forEach((reviewer, index) => {
    call.reviewerLoads.set(reviewer.id, loadOf(reviewer) + 1);
    const assignedAt = random.between(submittedAt + 6 * HOUR, submittedAt + 2 * DAY);
    const assignmentId = newId();
    const isSubmitted = index < submittedCount;
    rows.reviewAssignments.push({
      id: assignmentId,
      applicationId,
      reviewerId: reviewer.id,
      stage: "REVIEW",
      status: isSubmitted ? "SUBMITTED" : "PENDING",
      dueAt: new Date(assignedAt.getTime() + 14 * DAY),
      createdAt: assignedAt,
    });
    if (!isSubmitted) return;

    const reviewId = newId();
    const values = call.criteria.map((criterion) => {
      const value = clamp(Math.round(quality + reviewer.bias + random.float(-0.9, 0.9)), 1, 5);
      rows.reviewScores.push({ reviewId, criterionId: criterion.id, value });
      return { value, weight: criterion.weight };
    });
    const score = weightedMean(values);
    const recommendation = recommendationFor(score);
    const reviewedAt = random.between(assignedAt.getTime() + 12 * HOUR, Math.min(assignedAt.getTime() + 12 * DAY, dueBy));
    rows.reviews.push({
      id: reviewId,
      assignmentId,
      privateComment: random.pick(COMMENT_BY_RECOMMENDATION[recommendation]),
      founderFeedback: random.chance(0.5) ? random.pick(FOUNDER_FEEDBACK) : "",
      recommendation,
      score,
      submittedAt: reviewedAt,
      updatedAt: reviewedAt,
    });
    submitted.push({ score, submittedAt: reviewedAt });
  });
  return submitted;
}

function recommendationFor(score: number): Recommendation {
  if (score >= 4.2) return "STRONG_YES";
  if (score >= 3.5) return "YES";
  if (score >= 2.7) return "MAYBE";
  return "NO";
}

/** The offer made when decisions were released, answered (or not) according to `status`. */
function planOffer(
  planner: Planner,
  call: PlannedCall,
  applicationId: string,
  cohort: PlannedCohort,
  sector: Sector,
  status: ApplicationStatus,
): { cohortId: string; lastEventAt: Date } {
  const { random, rows } = planner;
  const offeredAt = call.decisionsReleasedAt;
  const expiresAt = offeredAt + call.offerResponseDays * DAY;
  const offer: Prisma.OfferCreateManyInput = {
    id: newId(),
    applicationId,
    cohortId: cohort.row.id!,
    status: "PENDING",
    expiresAt: new Date(expiresAt),
    createdAt: new Date(offeredAt),
  };
  let lastEventAt = new Date(offeredAt);
  if (status === "DECLINED" && expiresAt < planner.now && random.chance(0.3)) {
    offer.status = "EXPIRED"; // never answered
    lastEventAt = new Date(expiresAt);
  } else if (status !== "ACCEPTED") {
    offer.status = status === "ENROLLED" ? "ACCEPTED" : "DECLINED";
    offer.respondedAt = lastEventAt = random.between(offeredAt + HOUR, Math.min(expiresAt - HOUR, call.activityEndsAt));
  }
  // A pending offer holds its seat as firmly as an enrolment.
  if (status !== "DECLINED") cohort.seatsTaken[sector] += 1;
  rows.offers.push(offer);
  return { cohortId: offer.cohortId, lastEventAt };
}

// ── Sizing once every application is planned ──

/** Quotas grow to fit the seats taken (large seeds), capacity is their sum. */
function sizeCohorts(planner: Planner, call: PlannedCall): void {
  for (const cohort of call.cohortsBySite.values()) {
    const seats = Object.fromEntries(
      SECTORS.map((sector) => [sector, Math.max(cohort.baseSeats[sector], cohort.seatsTaken[sector])]),
    ) as SectorSeats;
    cohort.row.capacity = sum(Object.values(seats));
    planner.rows.cohorts.push(cohort.row);
    for (const sector of SECTORS) planner.rows.cohortQuotas.push({ cohortId: cohort.row.id!, sector, seats: seats[sector] });
  }
}

/** Large seeds give each reviewer more assignments than the demo's max load: raise it to fit. */
function sizeReviewerLoads(planner: Planner, openCall: PlannedCall): void {
  const busiest = Math.max(0, ...openCall.reviewerLoads.values());
  const maxLoad = Math.max(DEMO_REVIEWER_MAX_LOAD, Math.ceil(busiest / 5) * 5);
  for (const reviewer of planner.reviewers) reviewer.profile.maxLoad = maxLoad;
}

/** Accounts were created a little before their owner's first application. */
function backdateFounderAccounts(planner: Planner, founders: PlannedFounder[], openCall: PlannedCall): void {
  const firstApplicationAt = new Map<string, number>();
  for (const application of planner.rows.applications) {
    const createdAt = (application.createdAt as Date).getTime();
    firstApplicationAt.set(application.founderId, Math.min(createdAt, firstApplicationAt.get(application.founderId) ?? Infinity));
  }
  for (const founder of founders) {
    const firstAt = firstApplicationAt.get(founder.id) ?? openCall.opensAt + DAY;
    founder.user.createdAt = founder.user.updatedAt = new Date(firstAt - planner.random.int(1, 72) * HOUR);
  }
}

// ─── Pitch deck ──────────────────────────────────────────────────────────────

/**
 * Stores the one-page PDF every seeded application uses as its pitch deck, through
 * the same content-addressed storage as uploads: one file, however many applications.
 */
async function storeDemoPitchDeck(): Promise<StoredFile> {
  // Loaded here, like faker: the storage module reads the configuration.
  const [{ storeUpload }, { ALLOWED_TYPES, MAX_UPLOAD_BYTES }] = await Promise.all([
    import("~/storage/files.server.ts"),
    import("~/storage/file-type.ts"),
  ]);
  const upload = (async function* () {
    yield onePagePdf("Tremplin - pitch deck de demonstration");
  })();
  return storeUpload(upload, { maxBytes: MAX_UPLOAD_BYTES, allowed: ALLOWED_TYPES.PITCH_DECK });
}


// ─── Writing ─────────────────────────────────────────────────────────────────

async function writePlan(tx: Prisma.TransactionClient, plan: SeedPlan, log: (line: string) => void): Promise<void> {
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
  await write("Cohort", plan.cohorts);
  await write("CohortQuota", plan.cohortQuotas);
  await write("Application", plan.applications);
  await write("TeamMember", plan.teamMembers);
  await write("Attachment", plan.attachments);
  await write("ReviewAssignment", plan.reviewAssignments);
  await write("Review", plan.reviews);
  await write("ReviewScore", plan.reviewScores);
  await write("Offer", plan.offers);
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

function summarize(plan: SeedPlan, durationMs: number): SeedSummary {
  return {
    sites: plan.sites.length,
    calls: plan.calls.length,
    cohorts: plan.cohorts.length,
    admins: plan.adminCount,
    reviewers: plan.reviewerCount,
    founders: plan.founderCount,
    applications: plan.applications.length,
    openCallStatuses: plan.openCallStatuses,
    reviewAssignments: plan.reviewAssignments.length,
    reviews: plan.reviews.length,
    offers: plan.offers.length,
    durationMs,
  };
}

// ─── Small helpers ───────────────────────────────────────────────────────────

/** The given UTC time of day on the UTC date of `instant`. */
function atUtcTime(instant: number, hours: number, minutes: number): number {
  const date = new Date(instant);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), hours, minutes);
}

function zeroSeats(): SectorSeats {
  return { NEW_TECH: 0, GREEN_TECH: 0, CULTURAL_INDUSTRIES: 0 };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function weightedMean(values: readonly { value: number; weight: number }[]): number {
  return sum(values.map(({ value, weight }) => value * weight)) / sum(values.map(({ weight }) => weight));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const value of values) counts[value] += 1;
  return counts;
}

/** 12 345 with the French (narrow no-break space) thousands separator. */
function formatNumber(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
}

/** "Fatima Zahra El Fassi" → "fatima.zahra.el.fassi" */
function emailLocalPart(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, ".")
    .replace(/^\.|\.$/g, "");
}

function elapsedSince(started: number): string {
  return `${Math.round(performance.now() - started)} ms`;
}

// ─── Command line ────────────────────────────────────────────────────────────

/** A problem the person running the command can fix: reported as one line, without a stack. */
class SeedCommandError extends Error {}

function parseApplicationCount(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_APPLICATIONS;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) {
    throw new SeedCommandError(`SEED_APPLICATIONS must be a non-negative integer, got "${value}".`);
  }
  return count;
}

async function main(): Promise<void> {
  const reset = process.argv.slice(2).includes("--reset");
  const applications = parseApplicationCount(process.env.SEED_APPLICATIONS);
  const { demoPassword, launcherDemoMode } = await import("~/config/env.server.ts");
  if (!launcherDemoMode(process.env)) {
    throw new SeedCommandError("The demo seed runs only in demo mode: set TREMPLIN_DEMO=on (NODE_ENV=production turns it off).");
  }
  const password = demoPassword({ DEMO_MODE: true, DEMO_PASSWORD: process.env.DEMO_PASSWORD || undefined });
  // Imported here so that importing DEMO_ACCOUNTS never opens the default database.
  const { db, dbReady } = await import("~/db/client.server.ts");
  const { databaseFilePath } = await import("~/db/database-url.ts");
  const target = databaseFilePath();
  try {
    await dbReady;
    const existingUsers = await db.user.count().catch((error: unknown) => {
      const missingTable = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2021";
      throw missingTable ? new SeedCommandError(`${target} has no tables yet: run \`npx prisma migrate deploy\` first.`) : error;
    });
    if (existingUsers > 0 && !reset) {
      throw new SeedCommandError(`${target} already has ${existingUsers} users. Run with --reset to delete every row and seed again.`);
    }
    if (reset) {
      const started = performance.now();
      await clearDatabase(db);
      console.log(`cleared ${target} in ${elapsedSince(started)}`);
    }
    console.log(`seeding ${target} with ${applications} applications on the open call`);
    const summary = await seedDatabase(db, { password, applications, log: (line) => console.log(line) });
    console.log(
      `${summary.applications} applications on ${summary.calls} calls, ${summary.founders} founders, ` +
        `${summary.reviewers} reviewers, ${summary.reviews} reviews, ${summary.offers} offers`,
    );
    console.log(`demo logins (password "${password}"${process.env.DEMO_PASSWORD ? "" : ", kept in var/demo-password"}):`);
    for (const account of DEMO_ACCOUNTS) console.log(`  ${account.role.padEnd(9)}${account.email.padEnd(30)}${account.name}`);
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof SeedCommandError ? error.message : error);
      process.exit(1);
    },
  );
}
