/**
 * The metrics API's answers (docs/api.md), computed for one reader: from the
 * restricted package and with shares rounded when the reader gets small-cell
 * suppression. Plain data, so the routes only respond and tests can read every figure.
 */
import { packageFor, roundedShare } from "../disclosure";
import type { DataPackage, StudentGroup } from "../district-data/types";
import { algebraAccess, fundingByQuartile, valueOrNull, type AlgebraGroupAccess, type Figure } from "../metrics";
import { algebraFiguresShown, restrictedTotals } from "./views";

type Audience = { suppressSmallCells: boolean };

/** Spending and novice teachers by poverty quartile, the Q4/Q1 ratio and the progressivity slope. */
export function publishedFunding(data: DataPackage, audience: Audience) {
  const result = fundingByQuartile(packageFor(data, audience));
  const share = (f: Figure) => (audience.suppressSmallCells ? roundedShare(valueOrNull(f), 1) : valueOrNull(f));
  return {
    smallCellsHidden: audience.suppressSmallCells,
    quartiles: result.quartiles.map((q) => ({
      quartile: q.quartile,
      schools: q.schools,
      enrollment: valueOrNull(q.enrollment),
      perPupilSpending: valueOrNull(q.perPupilSpending),
      noviceTeacherShare: share(q.noviceTeacherShare),
    })),
    ratioQ4toQ1: share(result.ratioQ4toQ1),
    progressivitySlopePer10pts: valueOrNull(result.progressivitySlopePer10pts),
  };
}

/** The grade 8 Algebra 1 gap between two groups, split into access and assignment. */
export function publishedAlgebraAccess(
  data: DataPackage,
  reference: StudentGroup,
  focal: StudentGroup,
  audience: Audience,
) {
  const result = algebraAccess(packageFor(data, audience), reference, focal, restrictedTotals(audience));
  // Each group's figures are decided as in the diagnostic's own view.
  const shown = algebraFiguresShown(data, [reference, focal], audience);
  const figures = ["access", "assignment", "rate"] as const;
  // Withheld from this reader: schools left out, figures suppressed, or hidden beside a small group.
  const hidden = [result.reference, result.focal].some(
    (g) =>
      (audience.suppressSmallCells && g.coverage.schoolsSuppressed > 0) ||
      figures.some(
        (k) => g[k].kind === "suppressed" || (shown.get(g.group)![k] === null && valueOrNull(g[k]) !== null),
      ),
  );
  const group = (g: AlgebraGroupAccess) => ({ group: g.group, ...shown.get(g.group)! });
  // The gap and its parts would give a hidden figure back.
  const derived = (f: Figure) =>
    hidden ? null : audience.suppressSmallCells ? roundedShare(valueOrNull(f), 1) : valueOrNull(f);
  return {
    reference: group(result.reference),
    focal: group(result.focal),
    gap: derived(result.gap),
    accessPart: derived(result.accessPart),
    assignmentPart: derived(result.assignmentPart),
    accessShare: derived(result.accessShare),
    smallCellsHidden: hidden,
  };
}
