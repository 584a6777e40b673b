// What each seeded project is about: a theme per sector (its problem, solution
// and market), brand names and wording pools, filled in for the town it is near.
import { SECTORS, type ProjectStage, type Sector } from "~/domain/constants.ts";
import type { SeedRandom } from "./random.ts";
import type { SiteDefinition } from "./shared.ts";

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
      "Communes, promoteurs immobiliers et aménageurs. Nos pavés coûtent 15 % de moins que le béton à performances " + "équivalentes.",
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
      "Plus de 10 000 hammams et des centaines de milliers de TPE. Marge sur l'installation et abonnement de suivi " + "de la performance.",
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
    market: "Communes (redevance de collecte) et exploitations agricoles, maraîchage et arboriculture en tête.",
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
      "Décoration et art de vivre en Europe et en Amérique du Nord. Marge de 30 % partagée de manière transparente " + "avec les ateliers.",
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
      "Marché mondial du jeu mobile et diaspora maghrébine. Vente premium sur consoles, version mobile gratuite avec " + "achats intégrés.",
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
    market: "Des milliers d'artistes et de labels indépendants au Maroc et au Maghreb. Commission de 15 % sur les revenus " + "collectés.",
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
    market: "Plus de 14 millions de touristes par an. Vente de parcours à l'unité, licences aux offices du tourisme et aux " + "riads.",
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

const SECTOR_WEIGHTS: Record<Sector, number> = { NEW_TECH: 50, GREEN_TECH: 30, CULTURAL_INDUSTRIES: 20 };
const STAGE_WEIGHTS: Record<ProjectStage, number> = { IDEA: 20, PROTOTYPE: 30, MVP: 30, REVENUE: 20 };

export interface InventedProject {
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

export function inventProject(random: SeedRandom, site: SiteDefinition): InventedProject {
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

/** 12 345 with the French (narrow no-break space) thousands separator. */
function formatNumber(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
}
