// Randomness: one seeded faker instance drives every choice, so the same options
// give the same contents; ids are random (cuid-shaped) and only point rows at each other.
import { randomBytes } from "node:crypto";
import type { Faker } from "@faker-js/faker";
import { MINUTE } from "./shared.ts";

const FEMALE_FIRST_NAMES = [
  "Salma",
  "Khadija",
  "Imane",
  "Nadia",
  "Yasmine",
  "Meryem",
  "Fatima Zahra",
  "Hajar",
  "Sara",
  "Houda",
  "Asmae",
  "Kenza",
  "Ghita",
  "Oumaima",
  "Zineb",
  "Loubna",
  "Hind",
  "Siham",
  "Rim",
  "Amal",
  "Noura",
  "Samira",
  "Ikram",
  "Chaimae",
  "Soukaina",
  "Widad",
  "Btissam",
  "Najat",
  "Latifa",
  "Ilham",
  "Aya",
  "Malak",
  "Nisrine",
  "Hanane",
];
const MALE_FIRST_NAMES = [
  "Youssef",
  "Omar",
  "Hamza",
  "Mehdi",
  "Karim",
  "Anas",
  "Ayoub",
  "Amine",
  "Othmane",
  "Reda",
  "Yassine",
  "Ilyas",
  "Soufiane",
  "Hicham",
  "Rachid",
  "Saïd",
  "Adil",
  "Nabil",
  "Tarik",
  "Zakaria",
  "Badr",
  "Ismaïl",
  "Khalid",
  "Mourad",
  "Driss",
  "Walid",
  "Hassan",
  "Abdelilah",
  "Marouane",
  "Ali",
  "Mohamed",
  "Brahim",
  "Lahcen",
  "Taha",
];
const LAST_NAMES = [
  "Bennani",
  "El Amrani",
  "Benjelloun",
  "Tazi",
  "Chraibi",
  "Alaoui",
  "Berrada",
  "Ouazzani",
  "Lahlou",
  "El Fassi",
  "Sqalli",
  "Idrissi",
  "Bouzidi",
  "Naciri",
  "Kettani",
  "Cherkaoui",
  "Lamrani",
  "Filali",
  "Benali",
  "Zniber",
  "El Ouafi",
  "Slaoui",
  "Tahiri",
  "Haddad",
  "Belkadi",
  "Mansouri",
  "Ait Ouahmane",
  "Ait Lahcen",
  "Oubaha",
  "Boutaleb",
  "Ziani",
  "Rifi",
  "Chafik",
  "Hajji",
  "Bakkali",
  "Touimi",
  "Essaadi",
  "Ouchen",
  "Laaroussi",
  "Moutaouakil",
  "Ennaji",
  "Jabri",
  "Kabbaj",
  "Sebti",
  "Guessous",
  "Tounsi",
  "Amzil",
  "Bouhaddou",
  "Outaleb",
];

/** The few random draws the planner needs, on one seeded faker (French locale) instance. */
export class SeedRandom {
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
// can import DEMO_ACCOUNTS (accounts.ts) without it.
export async function createRandom(seed: number): Promise<SeedRandom> {
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
export function newId(): string {
  if (entropyOffset + ID_RANDOM_CHARS > entropy.length) {
    entropy = randomBytes(ID_RANDOM_CHARS * 4096);
    entropyOffset = 0;
  }
  let random = "";
  for (let index = 0; index < ID_RANDOM_CHARS; index++) random += ID_ALPHABET[entropy[entropyOffset++] % ID_ALPHABET.length];
  idCounter = (idCounter + 1) % 36 ** 4;
  return `c${Date.now().toString(36)}${idCounter.toString(36).padStart(4, "0")}${random}`;
}
