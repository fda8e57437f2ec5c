/**
 * The district's own data beside a vote: each option's schools as this reader may see
 * them, and whose voices the ballots carry. Both read the package already restricted
 * for the reader (domain/disclosure), so a figure hidden in the data stays hidden here.
 */
import type { DataPackage } from "./district-data/types";
import {
  combine,
  emptyCoverage,
  known,
  ratioOfSums,
  schoolAttribute,
  tally,
  valueOrNull,
  type Figure,
} from "./metrics/figure";
import { measureLookup } from "./metrics/measure-lookup";
import { povertyQuartiles, quartiles, type Quartile } from "./metrics/poverty-quartiles";
import { MIN_GROUP_BALLOTS } from "./poll-results";
import type { StakeholderGroup } from "./roles";

export type OptionSchool = {
  id: string;
  name: string;
  quartile: Quartile;
  enrollment: number | null;
  perPupilSpending: number | null;
};

export type OptionContext = {
  schools: OptionSchool[];
  /** The schools' enrollment together; null when any of it is hidden from this reader. */
  enrollment: number | null;
  /** Enrollment-weighted per-pupil spending of the schools, as the diagnostic computes a quartile's. */
  perPupilSpending: number | null;
  /** The same figure over the whole district, to set it against. */
  districtPerPupilSpending: number | null;
};

/** Per-pupil spending over some schools: Σ(spend·enrollment) / Σ enrollment of those reporting a spend. */
function perPupil(pkg: DataPackage, schoolIds: ReadonlySet<string> | null): Figure {
  const measure = measureLookup(pkg);
  const coverage = emptyCoverage();
  let dollars = 0;
  let pupils = 0;
  for (const s of pkg.schools) {
    if (schoolIds && !schoolIds.has(s.schoolId)) continue;
    const spend = tally(coverage, [measure(s.schoolId, "per_pupil_spending")]);
    if (spend) {
      dollars += spend[0] * s.enrollment;
      pupils += s.enrollment;
    }
  }
  return ratioOfSums(dollars, pupils, coverage);
}

/**
 * Each option's equity context from `pkg` (the reader's copy of the latest data): its
 * schools' poverty quartile, enrollment and per-pupil spending, against the district's.
 * Schools the data no longer holds are left out.
 */
export function optionContexts(
  pkg: DataPackage,
  options: readonly { code: string; schools: readonly string[] }[],
): Map<string, OptionContext> {
  const measure = measureLookup(pkg);
  const quartileOf = new Map(povertyQuartiles(pkg.schools).map((a) => [a.school.schoolId, a.quartile]));
  const byId = new Map(pkg.schools.map((s) => [s.schoolId, s]));
  const district = valueOrNull(perPupil(pkg, null));
  const contexts = new Map<string, OptionContext>();
  for (const option of options) {
    const schools = option.schools.flatMap((id) => {
      const s = byId.get(id);
      return s ? [s] : [];
    });
    if (!schools.length) continue;
    const enrollment = schools.reduce<Figure>(
      (sum, s) => combine([sum, schoolAttribute(s, "enrollment")], (a, b) => a + b),
      known(0),
    );
    contexts.set(option.code, {
      schools: schools.map((s) => ({
        id: s.schoolId,
        name: s.schoolName,
        quartile: quartileOf.get(s.schoolId)!,
        enrollment: valueOrNull(schoolAttribute(s, "enrollment")),
        perPupilSpending: valueOrNull(measure(s.schoolId, "per_pupil_spending")),
      })),
      enrollment: valueOrNull(enrollment),
      perPupilSpending: valueOrNull(perPupil(pkg, new Set(schools.map((s) => s.schoolId)))),
      districtPerPupilSpending: district,
    });
  }
  return contexts;
}

export type GroupTurnout = { group: StakeholderGroup; ballots: number | null; eligible: number };

export type QuartileVoice = {
  quartile: Quartile;
  /** Ballots from families naming a school in this quartile; null when too few to show. */
  ballots: number | null;
  /** Their share of the ballots that named a school, in whole percents. */
  ballotShare: number | null;
  /** The quartile's share of the district's enrollment, in whole percents; null when hidden. */
  enrollmentShare: number | null;
};

export type Representativeness = {
  byGroup: GroupTurnout[];
  /** Null without district data. */
  byQuartile: QuartileVoice[] | null;
  /** Ballots that named one of the district's schools. */
  namedSchool: number;
  ballots: number;
};

const small = (n: number) => n > 0 && n < MIN_GROUP_BALLOTS;

/**
 * Hides counts of one to nine (a zero names nobody), then as many more of the smallest as it takes for the hidden
 * ones together to be none or ten and more: the total is public, so a lone hidden count
 * could be recovered by subtraction (as ballotsByGroup does).
 */
function withSmallCountsHidden<K>(counts: Map<K, number>): Map<K, number | null> {
  const shown = [...counts].filter(([, n]) => !small(n)).sort((a, b) => b[1] - a[1]);
  let hidden = [...counts].reduce((sum, [, n]) => sum + (small(n) ? n : 0), 0);
  // Folding in a zero would hide nothing more: take the smallest count above it.
  while (hidden > 0 && hidden < MIN_GROUP_BALLOTS && shown.some(([, n]) => n > 0)) {
    const i = shown.findLastIndex(([, n]) => n > 0);
    hidden += shown.splice(i, 1)[0]![1];
  }
  const visible = new Set(shown.map(([k]) => k));
  return new Map([...counts].map(([k, n]) => [k, visible.has(k) ? n : null]));
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((100 * part) / whole) : null);

/**
 * Whose voices the ballots carry: ballots per stakeholder group against the members
 * invited to vote, and ballots by the poverty quartile of the voter's school against
 * each quartile's share of the district's students. Ballot counts under ten are not
 * shown, as small cells of data are not.
 */
export function representativeness(
  ballots: readonly { group: StakeholderGroup | null; schoolId: string | null }[],
  eligibleMembers: ReadonlyMap<StakeholderGroup, number>,
  pkg: DataPackage | null,
): Representativeness {
  const perGroup = new Map<StakeholderGroup, number>();
  for (const group of eligibleMembers.keys()) perGroup.set(group, 0);
  for (const b of ballots) if (b.group) perGroup.set(b.group, (perGroup.get(b.group) ?? 0) + 1);
  const shownGroups = withSmallCountsHidden(perGroup);
  const byGroup = [...perGroup.keys()].map((group) => ({
    group,
    ballots: shownGroups.get(group) ?? null,
    eligible: eligibleMembers.get(group) ?? 0,
  }));

  if (!pkg) return { byGroup, byQuartile: null, namedSchool: 0, ballots: ballots.length };
  const quartileOf = new Map(povertyQuartiles(pkg.schools).map((a) => [a.school.schoolId, a]));
  const perQuartile = new Map<Quartile, number>(quartiles.map((q) => [q, 0]));
  let named = 0;
  for (const b of ballots) {
    const q = b.schoolId ? quartileOf.get(b.schoolId)?.quartile : undefined;
    if (q) {
      perQuartile.set(q, perQuartile.get(q)! + 1);
      named++;
    }
  }
  const shownQuartiles = withSmallCountsHidden(perQuartile);
  const enrollmentOf = (q: Quartile) =>
    [...quartileOf.values()]
      .filter((a) => a.quartile === q)
      .reduce<Figure>((sum, a) => combine([sum, schoolAttribute(a.school, "enrollment")], (x, y) => x + y), known(0));
  // One hidden quartile would be a hundred minus the others: then none is shown.
  const figures = quartiles.map((q) => valueOrNull(enrollmentOf(q)));
  const sharesShown = figures.every((f) => f !== null);
  const total = pkg.schools.reduce((sum, s) => sum + s.enrollment, 0);
  const byQuartile = quartiles.map((quartile, i) => {
    const count = shownQuartiles.get(quartile) ?? null;
    const enrollment = figures[i] ?? null;
    return {
      quartile,
      ballots: count,
      ballotShare: count === null ? null : percent(count, named),
      // Whole percents of a total every reader knows, and only from figures they may see.
      enrollmentShare: sharesShown && enrollment !== null ? percent(enrollment, total) : null,
    };
  });
  return { byGroup, byQuartile, namedSchool: named, ballots: ballots.length };
}
