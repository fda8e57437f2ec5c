/**
 * Deterministic generator of fictional district data packages (DATA-FORMAT.md: schools.csv +
 * measures.csv). Used for:
 *  - the committed demo package `db/seed/data/riverbend/` (`RIVERBEND` below; rewrite it with
 *    `npx tsx db/seed/data/write-riverbend.ts`), and
 *  - large packages for benchmarks: `generatePackage({ schools: 2000, seed: 7 })`.
 *
 * Everything comes from one seeded PRNG (mulberry32) consumed in a fixed order, so the same
 * options always give byte-identical CSV. No I/O, no dependencies beyond the shared types.
 *
 * The model builds in the inequities real districts find (see README-style notes per section):
 * poverty clustered by neighborhood; students of color concentrated in high-poverty schools;
 * per-pupil spending flat-to-slightly-regressive across poverty quartiles; novice teachers
 * concentrated in high-poverty schools; grade 8 Algebra 1 missing at some high-poverty middle
 * schools and lower placement of Black and Latinx students where it is offered; few teachers of
 * color; counselor ratios worse than 250:1; chronic absence higher for low-income students;
 * suspensions higher for Black students. A few small cells (native_american, pacific_islander
 * under 10 students) are reported with suppression marks (`*`, `n<10`).
 *
 * Coverage: every school gets every "all only" measure (pre-K seats/waitlist are 0 outside
 * elementary and K-8 schools) and enrollment_by_group for all 11 non-`all` groups; the group
 * measures intervention_minutes_weekly, chronic_absence_pct and suspensions_per_100 are given for
 * `all` and every group the school enrolls (a rate for a group of 0 students does not exist).
 * The grade 8 measures (offers_grade8_algebra1, grade8_students, grade8_algebra1_enrolled) exist
 * only at schools that have a grade 8: middle and k8 schools; grade8_students and
 * grade8_algebra1_enrolled are given for all 12 groups there, zeros included.
 */
import {
  studentGroups,
  type DataPackage,
  type MeasureName,
  type MeasureRow,
  type School,
  type SchoolLevel,
  type StudentGroup,
} from "../../../app/domain/district-data/types";

export type GenerateOptions = {
  /** Number of schools (≥ 1). */
  schools: number;
  /** PRNG seed; the same options always give the same package. */
  seed: number;
  /** District name; its initials become the school_id prefix ("Riverbend Unified School District" → RUSD-001). */
  name?: string;
};

export type GeneratedCsv = { schools: string; measures: string };

/** The committed demo package db/seed/data/riverbend/. */
export const RIVERBEND = { schools: 40, seed: 83, name: "Riverbend Unified School District" } as const;

// ---------------------------------------------------------------------------------------------
// PRNG

/** mulberry32: tiny, fast, good enough for synthetic data; 32-bit state. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  private spare: number | null = null;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  u(): number {
    return this.next();
  }
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor((hi - lo + 1) * this.next());
  }
  normal(mean = 0, sd = 1): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return mean + sd * s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round1 = (x: number) => Math.round(x * 10) / 10;
const roundTo = (x: number, step: number) => Math.round(x / step) * step;

/** Integer counts proportional to `weights`, summing exactly to `total` (largest remainder). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k]![1]]! += 1;
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary of the model

const raceGroups = ["black", "latinx", "white", "asian", "native_american", "pacific_islander", "multiracial"] as const;
type Race = (typeof raceGroups)[number];
const pocGroups = ["black", "latinx", "asian", "native_american", "pacific_islander", "multiracial"] as const;
type Poc = (typeof pocGroups)[number];
type Mix = Record<Poc, number>;

/** Groups other than `all`, in the vocabulary's order. */
const subgroups = studentGroups.filter((g) => g !== "all") as Exclude<StudentGroup, "all">[];

type Neighborhood = { name: string; povLo: number; povHi: number; mix: Mix };

/** Riverbend's neighborhoods, lowest to highest poverty; larger packages add generated ones. */
const baseNeighborhoods: Neighborhood[] = [
  {
    name: "Heron Bluffs",
    povLo: 6,
    povHi: 22,
    mix: { asian: 45, latinx: 22, multiracial: 20, black: 9, native_american: 2, pacific_islander: 2 },
  },
  {
    name: "Lakeview Terrace",
    povLo: 18,
    povHi: 38,
    mix: { asian: 30, latinx: 30, multiracial: 18, black: 18, native_american: 2, pacific_islander: 2 },
  },
  {
    name: "Old Mill",
    povLo: 35,
    povHi: 58,
    mix: { latinx: 45, black: 25, asian: 12, multiracial: 14, native_american: 2, pacific_islander: 2 },
  },
  {
    name: "Southport",
    povLo: 50,
    povHi: 72,
    mix: { latinx: 40, black: 35, asian: 10, multiracial: 10, native_american: 2, pacific_islander: 3 },
  },
  {
    name: "Eastgate",
    povLo: 66,
    povHi: 88,
    mix: { black: 55, latinx: 30, asian: 5, multiracial: 7, native_american: 1.5, pacific_islander: 1.5 },
  },
  {
    name: "Cedar Flats",
    povLo: 78,
    povHi: 95,
    mix: { latinx: 70, black: 12, asian: 8, multiracial: 5, native_american: 3, pacific_islander: 2 },
  },
];

const placeWords = [
  "Willow Creek",
  "Kingfisher",
  "Cottonwood",
  "Stonebridge",
  "Tamarack",
  "Larkspur",
  "Ridgeview",
  "Sycamore",
  "Meadowlark",
  "Pinecrest",
  "Birch Hollow",
  "Ferry Landing",
  "Bluestem",
  "Otter Point",
  "Quarry Hill",
  "Lantern Hill",
  "Foxglove",
  "Sandbar",
  "Millrace",
  "Granary",
  "Orchard Bend",
  "Juniper",
  "Alder Grove",
  "Bramble",
  "Copper Ridge",
  "Driftwood",
  "Elk Run",
  "Fernbrook",
  "Goldenrod",
  "Hickory",
  "Ironwood",
  "Marsh Hawk",
  "Northfield",
  "Oxbow",
  "Prairie Rose",
  "Red Cedar",
  "Saltgrass",
  "Thistle",
  "Upland",
  "Vine Street",
  "Wren Hollow",
  "Yarrow",
  "Aspen",
  "Beacon Hill",
  "Clearwater",
  "Dogwood",
  "Echo Lake",
  "Falcon Ridge",
  "Glen Park",
  "Harbor View",
  "Lighthouse",
  "Maple Grove",
  "Nettle Creek",
  "Osprey",
  "Quail Run",
  "River Oaks",
  "Silver Lake",
  "Trillium",
  "Union Square",
];
const hoodSuffixes = [
  "Heights",
  "Park",
  "Crossing",
  "Village",
  "Gardens",
  "Commons",
  "Flats",
  "Landing",
  "Square",
  "Hills",
];

const firstNames = [
  "Ada",
  "Tomás",
  "Grace",
  "Henry",
  "Mae",
  "Josefina",
  "Samuel",
  "Harriet",
  "Ignacio",
  "Louisa",
  "Walter",
  "Cora",
  "Elias",
  "Nell",
  "Rafael",
  "Beatrice",
  "Oscar",
  "Lena",
  "Desmond",
  "Imani",
  "Hiroshi",
  "Carmen",
  "Augustus",
  "Minerva",
  "Kwame",
  "Rosalind",
  "Felipe",
  "Opal",
  "Thaddeus",
  "Mei",
  "Ezra",
  "Lucinda",
  "Anselm",
  "Dolores",
  "Benedict",
  "Priya",
  "Cyrus",
  "Winifred",
  "Mateo",
  "Hazel",
];
const lastNames = [
  "Whitcomb",
  "Ybarra",
  "Okafor",
  "Lindqvist",
  "Callahan",
  "Ruelas",
  "Birchard",
  "Pell",
  "Fuentes",
  "Tran",
  "Kimura",
  "Dunmore",
  "Hartwell",
  "Abernathy",
  "Quintero",
  "Holloway",
  "Lindgren",
  "Achterberg",
  "Mbeki-Ross",
  "O'Dell",
  "Castellanos",
  "Ferrante",
  "Greaves",
  "Halvorsen",
  "Iwasaki",
  "Jaramillo",
  "Kessler",
  "Lattimore",
  "Montoya",
  "Nakashima",
  "Oyelaran",
  "Pruitt",
  "Renwick",
  "Saldívar",
  "Thibodeaux",
  "Underhill",
  "Valdés",
  "Wexford",
  "Yellowhorse",
  "Zamora",
  "Bellweather",
  "Carrow",
  "Delacroix-Hunt",
  "Espinoza",
  "Fairbanks",
  "Goodnight",
  "Hallowell",
  "Inglewood",
  "Jessup",
  "Kowalczyk",
];
const levelSuffix: Record<SchoolLevel, string> = {
  elementary: "Elementary School",
  middle: "Middle School",
  high: "High School",
  k8: "K-8 Academy",
  k12: "K-12 School",
  other: "School",
};

// ---------------------------------------------------------------------------------------------
// Level parameters

type GenLevel = "elementary" | "middle" | "high" | "k8";
const levelMix: [GenLevel, number][] = [
  ["elementary", 0.6],
  ["middle", 0.225],
  ["high", 0.125],
  ["k8", 0.05],
];
const levelOrder: GenLevel[] = ["elementary", "k8", "middle", "high"];

const enrollmentDist: Record<GenLevel, [mean: number, sd: number, lo: number, hi: number]> = {
  elementary: [430, 90, 220, 720],
  middle: [720, 150, 420, 1150],
  high: [1550, 350, 850, 2300],
  k8: [640, 110, 420, 900],
};
/** Site-level per-pupil spending at a typical-size, median-poverty school (USD). */
const baseSpend: Record<GenLevel, number> = { elementary: 12400, middle: 12900, high: 13600, k8: 12600 };
const typicalEnrollment: Record<GenLevel, number> = { elementary: 430, middle: 720, high: 1550, k8: 640 };
const studentsPerTeacher: Record<GenLevel, number> = { elementary: 20.5, middle: 22.5, high: 23.5, k8: 21 };
const classSize: Record<GenLevel, number> = { elementary: 23.5, middle: 27, high: 29, k8: 25 };
/** Students per counselor FTE drawn from this range (ASCA recommends 250). */
const counselorRatio: Record<GenLevel, [number, number]> = {
  elementary: [380, 720],
  middle: [300, 480],
  high: [265, 420],
  k8: [350, 600],
};
const suspensionBase: Record<GenLevel, number> = { elementary: 1.6, middle: 9, high: 7, k8: 4 };
const absenceAdj: Record<GenLevel, number> = { elementary: 0, middle: 0.02, high: 0.05, k8: 0.01 };
const interventionBase: Record<GenLevel, number> = { elementary: 85, middle: 60, high: 45, k8: 75 };

// Relative rates by race group (normalized per school so the groups average to the school's rate).
const absenceMult: Record<Race, number> = {
  black: 1.35,
  latinx: 1.15,
  white: 0.8,
  asian: 0.55,
  native_american: 1.6,
  pacific_islander: 1.4,
  multiracial: 1.05,
};
const suspensionMult: Record<Race, number> = {
  black: 3.0,
  latinx: 1.0,
  white: 0.65,
  asian: 0.3,
  native_american: 1.8,
  pacific_islander: 1.3,
  multiracial: 1.2,
};
const algebraMult: Record<Race, number> = {
  black: 0.68,
  latinx: 0.74,
  white: 1.2,
  asian: 1.45,
  native_american: 0.7,
  pacific_islander: 0.8,
  multiracial: 1.05,
};
const interventionMult: Record<Race, number> = {
  black: 1.05,
  latinx: 1.1,
  white: 0.9,
  asian: 0.85,
  native_american: 1.05,
  pacific_islander: 1.05,
  multiracial: 1.0,
};

// ---------------------------------------------------------------------------------------------
// Generation

/** A generated value: a number, or a suppression mark as it is written in the CSV. */
type Cell = number | "*" | "n<10";
type Row = { measure: MeasureName; group: StudentGroup; value: Cell };
type GenSchool = School & { rows: Row[] };

function initials(name: string | undefined): string {
  const letters = (name ?? "")
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
    .join("")
    .replace(/[^A-Z]/g, "");
  return letters || "S";
}

function makeNeighborhoods(rng: Rng, count: number): Neighborhood[] {
  const hoods = baseNeighborhoods.slice(0, count);
  const used = new Set(hoods.map((h) => h.name));
  while (hoods.length < count) {
    const name = `${rng.pick(placeWords)} ${rng.pick(hoodSuffixes)}`;
    if (used.has(name)) continue;
    used.add(name);
    const center = rng.uniform(12, 90);
    const half = rng.uniform(7, 13);
    const pov = center / 100;
    // Generated mixes tilt toward Black and Latinx families where poverty is high, Asian where low.
    const mix: Mix = {
      black: rng.uniform(5, 25) + 30 * pov * rng.u(),
      latinx: rng.uniform(10, 35) + 35 * pov * rng.u(),
      asian: rng.uniform(5, 25) + 25 * (1 - pov) * rng.u(),
      multiracial: rng.uniform(6, 18),
      native_american: rng.uniform(0.5, 3.5),
      pacific_islander: rng.uniform(0.5, 3),
    };
    hoods.push({ name, povLo: clamp(center - half, 6, 95), povHi: clamp(center + half, 8, 96), mix });
  }
  return hoods;
}

function levelCounts(n: number): Record<GenLevel, number> {
  const counts = apportion(
    n,
    levelMix.map(([, w]) => w),
  );
  const out = {} as Record<GenLevel, number>;
  levelMix.forEach(([level], i) => (out[level] = counts[i]!));
  return out;
}

/** Draws without replacement, reshuffling when empty, so names repeat only in large packages. */
class Deck<T> {
  private items: T[] = [];
  constructor(
    private readonly rng: Rng,
    private readonly source: readonly T[],
  ) {}
  draw(): T {
    if (this.items.length === 0) this.items = this.rng.shuffle(this.source.slice());
    return this.items.pop()!;
  }
}
type Namer = { used: Set<string>; first: Deck<string>; last: Deck<string>; place: Deck<string> };

function makeName(rng: Rng, level: GenLevel, hood: string, namer: Namer): string {
  const { used } = namer;
  const suffix = levelSuffix[level];
  for (let attempt = 0; attempt < 6; attempt++) {
    const r = rng.u();
    let name: string;
    if (level === "elementary" && r < 0.07) {
      // A second campus of a neighborhood school: exercises CSV quoting (the comma).
      name = `${hood} Elementary, ${rng.pick(["North", "South", "East", "West"])} Campus`;
    } else if (r < 0.5) {
      name = `${namer.first.draw()} ${namer.last.draw()} ${suffix}`;
    } else {
      name = `${namer.place.draw()} ${suffix}`;
    }
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  // Large packages run out of distinct names: number them.
  let k = 2;
  const stem = `${rng.pick(placeWords)} ${suffix}`;
  while (used.has(`${stem} ${k}`)) k++;
  used.add(`${stem} ${k}`);
  return `${stem} ${k}`;
}

type Skeleton = { level: GenLevel; hood: Neighborhood; pov: number; name: string };

function layOutSchools(rng: Rng, n: number, hoods: Neighborhood[]): Skeleton[] {
  const counts = levelCounts(n);
  const namer: Namer = {
    used: new Set<string>(),
    first: new Deck(rng, firstNames),
    last: new Deck(rng, lastNames),
    place: new Deck(rng, placeWords),
  };
  const out: Skeleton[] = [];
  for (const level of levelOrder) {
    // Round-robin over a shuffled neighborhood order so every level is spread over the district.
    const order = rng.shuffle(hoods.slice());
    const perHood = new Map<Neighborhood, number>();
    for (let i = 0; i < counts[level]; i++) {
      const hood = order[i % order.length]!;
      perHood.set(hood, (perHood.get(hood) ?? 0) + 1);
    }
    for (const hood of order) {
      const m = perHood.get(hood) ?? 0;
      // Stratified draws within the neighborhood's poverty range, so its whole range shows up.
      const strata = rng.shuffle(Array.from({ length: m }, (_, j) => j));
      for (let j = 0; j < m; j++) {
        let pov = hood.povLo + ((hood.povHi - hood.povLo) * (strata[j]! + rng.u())) / m;
        // High schools draw from wider attendance zones: pulled toward the district middle.
        if (level === "high") pov = 0.75 * pov + 0.25 * 50;
        out.push({ level, hood, pov: round1(clamp(pov, 1, 99)), name: makeName(rng, level, hood.name, namer) });
      }
    }
  }
  // School ids in level order, then by name within a level.
  out.sort((a, b) => levelOrder.indexOf(a.level) - levelOrder.indexOf(b.level) || (a.name < b.name ? -1 : 1));
  return out;
}

function generateSchools(opts: GenerateOptions): GenSchool[] {
  const n = Math.floor(opts.schools);
  if (!(n >= 1)) throw new Error("generatePackage: schools must be ≥ 1");
  const rng = new Rng(opts.seed);
  const hoodCount = n <= 60 ? Math.min(6, Math.max(1, Math.ceil(n / 4))) : Math.ceil(n / 35);
  const hoods = makeNeighborhoods(rng, hoodCount);
  const skeletons = layOutSchools(rng, n, hoods);
  const prefix = initials(opts.name);
  const width = Math.max(3, String(n).length);
  // Suppression marks: at about one school in eight, cells of native_american and
  // pacific_islander students numbering under 10 are reported suppressed.
  const marks = ["*", "n<10"] as const;
  let markCount = 0;

  return skeletons.map((sk, index): GenSchool => {
    const { level, hood } = sk;
    const p = sk.pov / 100;
    const [eMean, eSd, eLo, eHi] = enrollmentDist[level];
    const enrollment = Math.round(clamp(rng.normal(eMean, eSd), eLo, eHi));

    // Race/ethnicity: share of students of color rises with poverty; the neighborhood sets the mix.
    const soc = clamp(0.2 + 0.75 * p + rng.normal(0, 0.05), 0.1, 0.98);
    const mixWeights = pocGroups.map((g) => hood.mix[g] * Math.exp(rng.normal(0, 0.25)));
    const mixSum = mixWeights.reduce((a, b) => a + b, 0);
    const raceShare = {} as Record<Race, number>;
    pocGroups.forEach((g, i) => (raceShare[g] = (soc * mixWeights[i]!) / mixSum));
    raceShare.white = 1 - soc;
    const raceCounts = countsByRace(enrollment, raceShare);

    const levelEl = level === "elementary" ? 1.2 : level === "high" ? 0.7 : level === "middle" ? 0.9 : 1.1;
    const pctEl = round1(
      100 *
        clamp(
          (0.02 + 0.42 * raceShare.latinx + 0.25 * raceShare.asian + 0.1 * raceShare.pacific_islander) * levelEl +
            rng.normal(0, 0.02),
          0.01,
          0.6,
        ),
    );
    const pctSwd = round1(clamp(rng.normal(12.5, 1.8) + 2 * (p - 0.5), 9, 18));
    const lowIncome = Math.round((enrollment * sk.pov) / 100);
    const el = Math.round((enrollment * pctEl) / 100);
    const swd = Math.round((enrollment * pctSwd) / 100);
    const pctSoc = round1((100 * (enrollment - raceCounts.white)) / enrollment);

    const groupCounts: Record<Exclude<StudentGroup, "all">, number> = {
      ...raceCounts,
      low_income: lowIncome,
      not_low_income: enrollment - lowIncome,
      english_learner: el,
      students_with_disabilities: swd,
    };

    const suppressSmall = rng.chance(0.12);
    const mark = marks[markCount % 2]!;
    let suppressedAny = false;
    const suppressed = (g: StudentGroup) => {
      const hit = suppressSmall && (g === "native_american" || g === "pacific_islander") && (groupCounts[g] ?? 0) < 10;
      if (hit) suppressedAny = true;
      return hit;
    };

    const rows: Row[] = [];
    const add = (measure: MeasureName, group: StudentGroup, value: number) =>
      rows.push({ measure, group, value: group !== "all" && suppressed(group) ? mark : value });

    // --- School funding: flat to slightly regressive. Compensatory dollars at high-poverty
    // schools are more than offset by their lower-paid, less experienced staff.
    const z = (sk.pov - 50) / 40;
    const sizeAdj = clamp(1 + 0.08 * (typicalEnrollment[level] / enrollment - 1), 0.94, 1.12);
    const spend = Math.round(baseSpend[level] * sizeAdj * (1 - 0.016 * z) * (1 + rng.normal(0, 0.022)));
    add("per_pupil_spending", "all", spend);

    // --- Teaching quality & diversity
    const teachers = Math.max(4, round1(enrollment / clamp(rng.normal(studentsPerTeacher[level], 1.1), 16, 27)));
    const noviceShare = clamp(0.06 + 0.15 * Math.pow(p, 1.4) + rng.normal(0, 0.022), 0.01, 0.45);
    const novice = round1(teachers * noviceShare);
    const tocShare = clamp(0.04 + 0.24 * soc + rng.normal(0, 0.035), 0.02, 0.6);
    const experience = round1(clamp(16.5 - 45 * (noviceShare - 0.07) + rng.normal(0, 1.4), 4, 22));
    add("teachers_fte", "all", teachers);
    add("novice_teachers_fte", "all", novice);
    add("teachers_of_color_fte", "all", round1(teachers * tocShare));
    add("avg_teacher_experience_years", "all", experience);

    // --- Leadership: principals turn over faster at high-poverty schools.
    const tenureMean = 6.5 - 3.5 * p;
    add("principal_tenure_years", "all", Math.min(18, Math.round(-tenureMean * Math.log(1 - rng.u() * 0.999))));

    // --- Rigorous content: grade 8 Algebra 1 (middle and k8 schools only).
    const hasGrade8 = level === "middle" || level === "k8";
    let offers = false;
    if (hasGrade8) {
      offers = !(sk.pov >= 68 && rng.chance(0.5));
      const g8 = Math.round(enrollment * (level === "middle" ? rng.uniform(0.31, 0.35) : rng.uniform(0.095, 0.115)));
      const g8Race = countsByRace(g8, raceCounts);
      const g8Li = Math.min(g8, Math.round(g8 * p));
      const g8Counts: Record<Exclude<StudentGroup, "all">, number> = {
        ...g8Race,
        low_income: g8Li,
        not_low_income: g8 - g8Li,
        english_learner: Math.min(g8, Math.round((g8 * pctEl * 0.85) / 100)),
        students_with_disabilities: Math.min(g8, Math.round((g8 * pctSwd) / 100)),
      };
      // Placement where offered: lower at high-poverty schools, and lower for Black and Latinx
      // students than for white and Asian students in the same school.
      const base = clamp(0.37 - 0.1 * p + rng.normal(0, 0.035), 0.1, 0.6);
      const enrolledRace = {} as Record<Race, number>;
      for (const g of raceGroups) {
        const rate = clamp(base * algebraMult[g] * (1 + rng.normal(0, 0.08)), 0, 0.95);
        enrolledRace[g] = offers ? Math.round(g8Race[g] * rate) : 0;
      }
      const enrolled = raceGroups.reduce((a, g) => a + enrolledRace[g], 0);
      const liW = g8Counts.low_income * 0.72;
      const nliW = g8Counts.not_low_income * 1.2;
      let enrolledLi = liW + nliW > 0 ? Math.round((enrolled * liW) / (liW + nliW)) : 0;
      enrolledLi = clamp(enrolledLi, enrolled - g8Counts.not_low_income, g8Counts.low_income);
      const enrolledCounts: Record<Exclude<StudentGroup, "all">, number> = {
        ...enrolledRace,
        low_income: enrolledLi,
        not_low_income: enrolled - enrolledLi,
        english_learner: offers
          ? Math.min(g8Counts.english_learner, Math.round(g8Counts.english_learner * base * 0.45))
          : 0,
        students_with_disabilities: offers
          ? Math.min(g8Counts.students_with_disabilities, Math.round(g8Counts.students_with_disabilities * base * 0.35))
          : 0,
      };
      add("offers_grade8_algebra1", "all", offers ? 1 : 0);
      add("grade8_students", "all", g8);
      for (const g of subgroups) add("grade8_students", g, g8Counts[g]);
      add("grade8_algebra1_enrolled", "all", enrolled);
      for (const g of subgroups) add("grade8_algebra1_enrolled", g, enrolledCounts[g]);
    }
    const advanced =
      level === "high"
        ? Math.round(clamp(25 - 14 * p + rng.normal(0, 3), 4, 34))
        : level === "middle"
          ? Math.round(clamp(5 - 3 * p + rng.normal(0, 1), 0, 9))
          : level === "k8"
            ? Math.round(clamp(3 - 2 * p + rng.normal(0, 0.8), 0, 6))
            : Math.round(clamp(1.6 - 1.5 * p + rng.normal(0, 0.6), 0, 3));
    add("advanced_courses_offered", "all", advanced);

    // --- Instructional time & attention
    add("avg_core_class_size", "all", round1(clamp(rng.normal(classSize[level], 1.4) - 1.0 * p, 15, 36)));
    const minutesAll = clamp(interventionBase[level] + 70 * p + rng.normal(0, 12), 20, 240);
    const minutesRace = normalizedRates(minutesAll, raceCounts, interventionMult);
    const minutesByGroup: Partial<Record<StudentGroup, number>> = {
      ...minutesRace,
      low_income: minutesAll * 1.12,
      not_low_income: minutesAll * 0.85,
      english_learner: minutesAll + rng.uniform(45, 90),
      students_with_disabilities: minutesAll + rng.uniform(90, 160),
    };
    add("intervention_minutes_weekly", "all", Math.round(minutesAll));
    for (const g of subgroups) {
      const jitter = 1 + rng.normal(0, 0.04);
      if (groupCounts[g] > 0) add("intervention_minutes_weekly", g, Math.round(minutesByGroup[g]! * jitter));
    }

    // --- Climate: chronic absence (percent of students) and suspensions (per 100 students),
    // built from whole-student counts so every group's figure is one a real count gives.
    const absence = clamp(0.07 + 0.26 * Math.pow(p, 1.1) + absenceAdj[level] + rng.normal(0, 0.022), 0.03, 0.6);
    const absentRace = countsFromRates(raceCounts, normalizedRates(absence, raceCounts, absenceMult));
    const absentAll = sum(absentRace);
    const absentLi = splitByWeights(absentAll, groupCounts.low_income, 1.3, groupCounts.not_low_income, 0.65);
    const absentCounts: Record<Exclude<StudentGroup, "all">, number> = {
      ...absentRace,
      low_income: absentLi,
      not_low_income: absentAll - absentLi,
      english_learner: Math.min(el, Math.round(el * absence * 1.05)),
      students_with_disabilities: Math.min(swd, Math.round(swd * absence * 1.5)),
    };
    add("chronic_absence_pct", "all", round1((100 * absentAll) / enrollment));
    for (const g of subgroups) {
      if (groupCounts[g] > 0) add("chronic_absence_pct", g, round1((100 * absentCounts[g]) / groupCounts[g]));
    }

    const suspRate = (suspensionBase[level] * (0.55 + 1.0 * p) * Math.exp(rng.normal(0, 0.3))) / 100;
    const suspRace = countsFromRates(raceCounts, normalizedRates(suspRate, raceCounts, suspensionMult), Infinity);
    const suspAll = sum(suspRace);
    const suspLi = splitByWeights(suspAll, groupCounts.low_income, 1.5, groupCounts.not_low_income, 0.6, false);
    const suspCounts: Record<Exclude<StudentGroup, "all">, number> = {
      ...suspRace,
      low_income: suspLi,
      not_low_income: suspAll - suspLi,
      english_learner: Math.round(el * suspRate * 0.9),
      students_with_disabilities: Math.round(swd * suspRate * 2.1),
    };
    add("suspensions_per_100", "all", round1((100 * suspAll) / enrollment));
    for (const g of subgroups) {
      if (groupCounts[g] > 0) add("suspensions_per_100", g, round1((100 * suspCounts[g]) / groupCounts[g]));
    }

    // --- Student supports
    const [rLo, rHi] = counselorRatio[level];
    const ratio = rng.chance(0.08) ? rng.uniform(200, 250) : rng.uniform(rLo, rHi);
    add("counselors_fte", "all", Math.max(0.5, roundTo(enrollment / ratio, 0.5)));
    const swBase = level === "high" ? 1 : level === "middle" ? 0.6 : 0.2;
    add(
      "social_workers_fte",
      "all",
      round1(clamp(swBase + 1.2 * p * (enrollment / typicalEnrollment[level]) + rng.normal(0, 0.2), 0, 4)),
    );
    const nurseBase = level === "high" ? 1 : level === "middle" ? 0.6 : 0.4;
    add("nurses_fte", "all", round1(clamp(nurseBase + rng.normal(0, 0.15), 0.2, 1.2)));

    // --- Early learning: pre-K at elementary and K-8 schools, more of it (and longer waitlists)
    // where poverty is high.
    let prekSeats = 0;
    let prekWaitlist = 0;
    if ((level === "elementary" || level === "k8") && rng.chance(0.25 + 0.55 * p)) {
      prekSeats = 20 * rng.int(1, p > 0.6 ? 4 : 2);
      prekWaitlist = Math.round(prekSeats * rng.uniform(0, 0.7) * (0.3 + p));
    }
    add("prek_seats", "all", prekSeats);
    add("prek_waitlist", "all", prekWaitlist);

    // --- Facilities: older, worse-kept buildings in high-poverty neighborhoods.
    add("facility_condition_index", "all", Math.round(clamp(84 - 24 * p + rng.normal(0, 8), 20, 99)));

    // --- Diverse classrooms & schools
    for (const g of subgroups) add("enrollment_by_group", g, groupCounts[g]);

    if (suppressedAny) markCount++;
    // Rows were added in the vocabulary's order, groups in the groups' order.

    return {
      schoolId: `${prefix}-${String(index + 1).padStart(width, "0")}`,
      schoolName: sk.name,
      level,
      enrollment,
      pctLowIncome: sk.pov,
      pctEnglishLearners: pctEl,
      pctStudentsWithDisabilities: pctSwd,
      pctStudentsOfColor: pctSoc,
      neighborhood: hood.name,
      rows,
    };
  });
}

function sum(counts: Record<string, number>): number {
  let s = 0;
  for (const k in counts) s += counts[k]!;
  return s;
}

function countsByRace(total: number, weights: Record<Race, number>): Record<Race, number> {
  const counts = apportion(
    total,
    raceGroups.map((g) => weights[g]),
  );
  const out = {} as Record<Race, number>;
  raceGroups.forEach((g, i) => (out[g] = counts[i]!));
  return out;
}

/** Per-group rates with the given relative multipliers, scaled so their enrollment-weighted mean is `overall`. */
function normalizedRates(
  overall: number,
  counts: Record<Race, number>,
  mult: Record<Race, number>,
): Record<Race, number> {
  let num = 0;
  let den = 0;
  for (const g of raceGroups) {
    num += counts[g] * mult[g];
    den += counts[g];
  }
  const k = num > 0 ? (overall * den) / num : 0;
  const out = {} as Record<Race, number>;
  for (const g of raceGroups) out[g] = mult[g] * k;
  return out;
}

function countsFromRates(counts: Record<Race, number>, rates: Record<Race, number>, cap = 1): Record<Race, number> {
  const out = {} as Record<Race, number>;
  for (const g of raceGroups) out[g] = Math.round(counts[g] * Math.min(cap, rates[g]));
  return out;
}

/** Split `total` between groups a and b in proportion to count×weight, respecting the group sizes when `capped`. */
function splitByWeights(total: number, nA: number, wA: number, nB: number, wB: number, capped = true): number {
  const da = nA * wA;
  const db = nB * wB;
  let a = da + db > 0 ? Math.round((total * da) / (da + db)) : 0;
  if (capped) a = clamp(a, Math.max(0, total - nB), Math.min(nA, total));
  return a;
}

// ---------------------------------------------------------------------------------------------
// Output

function csvField(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Plain numbers: no thousands separators, no exponent, at most one decimal. */
function num(x: number): string {
  return String(round1(x));
}

const schoolsHeader =
  "school_id,school_name,level,enrollment,pct_low_income,pct_english_learners,pct_students_with_disabilities,pct_students_of_color,neighborhood";

/** The package as the two CSV texts of DATA-FORMAT.md (LF line endings, trailing newline, explicit `all`). */
export function generatePackage(opts: GenerateOptions): GeneratedCsv {
  const schools = generateSchools(opts);
  const schoolLines = [schoolsHeader];
  const measureLines = ["school_id,measure,student_group,value"];
  for (const s of schools) {
    schoolLines.push(
      [
        csvField(s.schoolId),
        csvField(s.schoolName),
        s.level,
        String(s.enrollment),
        num(s.pctLowIncome),
        num(s.pctEnglishLearners!),
        num(s.pctStudentsWithDisabilities!),
        num(s.pctStudentsOfColor!),
        csvField(s.neighborhood!),
      ].join(","),
    );
    const id = csvField(s.schoolId);
    for (const r of s.rows) {
      measureLines.push(`${id},${r.measure},${r.group},${typeof r.value === "number" ? num(r.value) : r.value}`);
    }
  }
  return { schools: schoolLines.join("\n") + "\n", measures: measureLines.join("\n") + "\n" };
}

/** The same package already parsed (what the importer would produce from generatePackage's CSV). */
export function generateDataPackage(opts: GenerateOptions): DataPackage {
  const schools = generateSchools(opts);
  const measures: MeasureRow[] = [];
  for (const s of schools) {
    for (const r of s.rows) {
      measures.push({
        schoolId: s.schoolId,
        measure: r.measure,
        group: r.group,
        value: typeof r.value === "number" ? { suppressed: false, value: round1(r.value) } : { suppressed: true },
      });
    }
  }
  return {
    schools: schools.map(({ rows: _rows, ...school }) => school),
    measures,
  };
}
