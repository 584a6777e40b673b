// Sites, calls (this year's, open; last year's, closed), their rubrics and cohorts.
import type { Prisma } from "~/generated/prisma/client.ts";
import { newId } from "./random.ts";
import { CRITERIA, type CriterionKey } from "./rubrics.ts";
import {
  atUtcTime,
  DAY,
  HOUR,
  sum,
  zeroSeats,
  type PlannedCall,
  type PlannedSite,
  type Planner,
  type SectorSeats,
  type SiteDefinition,
} from "./shared.ts";

export const SITES: readonly SiteDefinition[] = [
  {
    slug: "casablanca",
    name: "Casablanca",
    nameAr: "الدار البيضاء",
    region: "Casablanca-Settat",
    status: "OPEN",
    towns: ["Casablanca", "Mohammedia", "El Jadida", "Settat", "Berrechid"],
    demand: 40,
  },
  {
    slug: "rabat",
    name: "Rabat",
    nameAr: "الرباط",
    region: "Rabat-Salé-Kénitra",
    status: "OPEN",
    towns: ["Rabat", "Salé", "Kénitra", "Témara", "Khémisset"],
    demand: 25,
  },
  {
    slug: "tanger",
    name: "Tanger",
    nameAr: "طنجة",
    region: "Tanger-Tétouan-Al Hoceïma",
    status: "OPEN",
    towns: ["Tanger", "Tétouan", "Larache", "Chefchaouen", "Al Hoceïma"],
    demand: 20,
  },
  {
    slug: "agadir",
    name: "Agadir",
    nameAr: "أكادير",
    region: "Souss-Massa",
    status: "OPEN",
    towns: ["Agadir", "Inezgane", "Taroudant", "Essaouira", "Tiznit"],
    demand: 15,
  },
  { slug: "fes", name: "Fès", nameAr: "فاس", region: "Fès-Meknès", status: "OPENING_SOON", towns: ["Fès", "Meknès"], demand: 0 },
  { slug: "tiznit", name: "Tiznit", nameAr: "تيزنيت", region: "Souss-Massa", status: "OPENING_SOON", towns: ["Tiznit"], demand: 0 },
  {
    slug: "oujda",
    name: "Oujda",
    nameAr: "وجدة",
    region: "Oriental",
    status: "OPENING_SOON",
    towns: ["Oujda", "Nador", "Berkane"],
    demand: 0,
  },
];
export const OPEN_SITES = SITES.filter((site) => site.status === "OPEN");

export interface CallDefinition {
  status: "OPEN" | "CLOSED" | "ARCHIVED";
  /** 0 for this year's intake, 1 for last year's, more for the earlier calls the network still follows. */
  yearsAgo: number;
  /** The call's texts (app/domain/call-texts.ts): French, and the translations written so far. */
  texts: (cohortYear: number) => CallTexts;
  rubric: readonly { key: CriterionKey; weight: number }[];
  hasInterview: boolean;
  /** Seats per sector at each open site; a cohort's capacity is their sum. */
  cohortSeats: Record<string, SectorSeats>;
}

type CallTexts = Pick<
  Prisma.CallCreateManyInput,
  | "title"
  | "titleEn"
  | "titleAr"
  | "description"
  | "descriptionEn"
  | "descriptionAr"
  | "eligibilityText"
  | "eligibilityTextEn"
  | "eligibilityTextAr"
  | "supportOffer"
  | "supportOfferEn"
  | "supportOfferAr"
>;

/** What a call's definition leaves out: no translation, no eligibility text, no support offer. */
const UNTRANSLATED = {
  titleEn: null,
  titleAr: null,
  descriptionEn: null,
  descriptionAr: null,
  eligibilityText: "",
  eligibilityTextEn: null,
  eligibilityTextAr: null,
  supportOffer: "",
  supportOfferEn: null,
  supportOfferAr: null,
} satisfies Omit<CallTexts, "title" | "description">;

const SUPPORT_PARAGRAPH =
  "Les projets retenus bénéficient de douze mois d'incubation : réseautage avec les entreprises du réseau, " +
  "accès au financement (bourses d'amorçage, investisseurs partenaires), montée en compétences par des ateliers " +
  "et du mentorat, et accès au marché grâce aux programmes d'achat des grands comptes.";

const SUPPORT_PARAGRAPH_EN =
  "Selected projects get twelve months of incubation: networking with the network's companies, access to " +
  "funding (seed grants, partner investors), new skills through workshops and mentoring, and access to markets " +
  "through the procurement programmes of large companies.";

const SUPPORT_PARAGRAPH_AR =
  "تستفيد المشاريع المختارة من اثني عشر شهرا من الاحتضان: التشبيك مع مقاولات الشبكة، والولوج إلى التمويل (منح " +
  "الانطلاق والمستثمرون الشركاء)، وتنمية الكفاءات عبر الورشات والتأطير، والولوج إلى السوق عبر برامج الشراء لدى " +
  "كبريات المقاولات.";

export const OPEN_CALL: CallDefinition = {
  status: "OPEN",
  yearsAgo: 0,
  texts: (year) => ({
    title: `Appel à candidatures — Cohorte ${year}`,
    titleEn: `Call for applications — ${year} cohort`,
    titleAr: `دعوة للترشح — فوج ${year}`,
    description:
      `Le réseau Technopark lance l'appel à candidatures de sa cohorte ${year} d'incubation. Il s'adresse aux ` +
      "porteur·ses de projets innovants dans les nouvelles technologies, les technologies vertes (Green Tech) et les " +
      "industries culturelles et créatives, qui souhaitent être accompagné·es sur l'un des sites ouverts : " +
      "Casablanca, Rabat, Tanger ou Agadir.\n\n" +
      "Comment se déroule la sélection ? Présélection sur l'éligibilité, évaluation anonyme par trois évaluateur·rices " +
      "selon la grille publiée, entretien (pitch) pour les projets présélectionnés, puis comité de sélection. Chaque " +
      "candidature reçoit une réponse par e-mail.",
    descriptionEn:
      `The Technopark network opens applications for its ${year} incubation cohort. It is meant for founders of ` +
      "innovative projects in new technologies, green technologies (Green Tech) and the cultural and creative " +
      "industries who want support at one of the open sites: Casablanca, Rabat, Tangier or Agadir.\n\n" +
      "How does selection work? Eligibility screening, anonymous review by three reviewers against the published " +
      "rubric, an interview (pitch) for shortlisted projects, then the selection committee. Every application gets " +
      "an answer by email.",
    descriptionAr:
      `تفتح شبكة تكنوبارك باب الترشح لفوج الاحتضان لسنة ${year}. وهي موجهة لحاملي المشاريع المبتكرة في التكنولوجيات ` +
      "الحديثة والتكنولوجيات الخضراء والصناعات الثقافية والإبداعية، الراغبين في المواكبة في أحد المواقع المفتوحة: " +
      "الدار البيضاء أو الرباط أو طنجة أو أكادير.\n\n" +
      "كيف يتم الانتقاء؟ فرز أولي حسب شروط الأهلية، ثم تقييم مجهول الهوية من طرف ثلاثة مقيّمين وفق الشبكة المنشورة، ثم " +
      "مقابلة (عرض) للمشاريع المنتقاة أوليا، ثم لجنة الانتقاء. يتلقى كل ترشيح جوابا عبر البريد الإلكتروني.",
    eligibilityText:
      "Toute équipe d'une à trois personnes, dont au moins une résidant au Maroc, portant un projet de l'idée " +
      "validée au premier chiffre d'affaires. Une entreprise déjà créée doit avoir moins de trois ans.",
    eligibilityTextEn:
      "Any team of one to three people, at least one of them living in Morocco, with a project anywhere from a " +
      "validated idea to its first revenue. A company already founded must be less than three years old.",
    eligibilityTextAr:
      "كل فريق من شخص إلى ثلاثة أشخاص، يقيم واحد منهم على الأقل بالمغرب، يحمل مشروعا من مرحلة الفكرة المؤكدة إلى " +
      "أول رقم معاملات. ويجب ألا يتجاوز عمر المقاولة المحدثة ثلاث سنوات.",
    supportOffer: SUPPORT_PARAGRAPH,
    supportOfferEn: SUPPORT_PARAGRAPH_EN,
    supportOfferAr: SUPPORT_PARAGRAPH_AR,
  }),
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

export const CLOSED_CALL: CallDefinition = {
  status: "CLOSED",
  yearsAgo: 1,
  // Translated into English only: an Arabic reader sees the French texts, marked as such.
  texts: (year) => ({
    title: `Appel à candidatures — Cohorte ${year}`,
    titleEn: `Call for applications — ${year} cohort`,
    description:
      `Appel à candidatures de la cohorte ${year} du réseau Technopark, ouvert aux projets innovants des nouvelles ` +
      "technologies, des technologies vertes et des industries culturelles et créatives, sur les sites de Casablanca, " +
      "Rabat, Tanger et Agadir.",
    descriptionEn:
      `Call for applications to the Technopark network's ${year} cohort, open to innovative projects in new ` +
      "technologies, green technologies and the cultural and creative industries, at the Casablanca, Rabat, Tangier " +
      "and Agadir sites.",
    supportOffer: SUPPORT_PARAGRAPH,
    supportOfferEn: SUPPORT_PARAGRAPH_EN,
  }),
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

export function planSites(planner: Planner): void {
  SITES.forEach((site, index) => {
    const planned: PlannedSite = { ...site, id: newId() };
    planner.sitesBySlug.set(site.slug, planned);
    // The region only colours the generated project texts: the app reads no Site.region.
    const { slug, name, nameAr, status } = site;
    planner.rows.sites.push({ id: planned.id, slug, name, nameAr, status, sortOrder: index + 1 });
  });
}

export function planCall(planner: Planner, definition: CallDefinition): PlannedCall {
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
    hasInterview: definition.hasInterview,
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
    decisionsReleased: 0,
  };
  const cohortStartsAt = new Date(atUtcTime(closesAt + 45 * DAY, 8, 0));
  const cohortYear = cohortStartsAt.getUTCFullYear();
  rows.calls.push({
    id: call.id,
    slug: `cohorte-${cohortYear}`,
    ...UNTRANSLATED,
    ...definition.texts(cohortYear),
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
