/**
 * (Re)writes the committed demo package db/seed/data/riverbend/{schools,measures}.csv from the
 * generator, then prints its core figures (DATA-FORMAT.md definitions).
 *
 *   npx tsx db/seed/data/write-riverbend.ts
 *
 * (tsx is a devDependency; Node 20's --experimental-strip-types is not available.)
 * generate-package.test.ts fails if the committed files drift from the generator's output.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generatePackage, RIVERBEND } from "./generate-package";
import { readPackage, summarize } from "./package-stats";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "riverbend");
const pkg = generatePackage(RIVERBEND);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "schools.csv"), pkg.schools);
writeFileSync(path.join(dir, "measures.csv"), pkg.measures);

const parsed = readPackage(pkg.schools, pkg.measures);
if (parsed.errors.length) {
  console.error(parsed.errors.join("\n"));
  process.exitCode = 1;
}
const s = summarize(parsed);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const usd = (x: number) => `$${Math.round(x).toLocaleString("en-US")}`;
console.log(`wrote ${dir}: ${s.schools} schools, ${s.measureRows} measure rows (${s.suppressedRows} suppressed)`);
console.log(
  `levels ${JSON.stringify(s.levels)}, enrollment ${s.totalEnrollment}, pct_low_income ${s.pctLowIncomeRange.join("–")}`,
);
console.log(`per-pupil spending Q1..Q4 ${s.spending.map(usd).join(" / ")}; Q4/Q1 ${s.spendingRatio.toFixed(3)}`);
console.log(`novice share Q1..Q4 ${s.noviceShare.map(pct).join(" / ")}; Q4/Q1 ${s.noviceRatio.toFixed(2)}`);
console.log(
  `no grade 8 Algebra 1: ${s.noAlgebra
    .map((x) => `${x.id} (${x.level}, Q${x.quartile}, ${x.pctLowIncome}%)`)
    .join(", ")}`,
);
for (const [a, b, d] of [
  ["white", "latinx", s.algebraWhiteLatinx],
  ["white", "black", s.algebraWhiteBlack],
] as const) {
  const A = d.reference;
  const B = d.focal;
  console.log(
    `algebra ${a} vs ${b}: access ${pct(A.access)} vs ${pct(B.access)}, assignment ${pct(A.assignment)} vs ${pct(
      B.assignment,
    )}, ` +
      `rate ${pct(A.rate)} vs ${pct(B.rate)}; gap ${pct(d.gap)} = access ${pct(d.accessPart)} + assignment ${pct(
        d.assignmentPart,
      )}; access share ${pct(d.accessShare)}`,
  );
}
console.log(
  `counselors: ${s.counselors.worseThan250}/${s.schools} schools worse than 250:1, district ${Math.round(
    s.counselors.districtRatio,
  )}:1, median ${Math.round(s.counselors.median)}:1`,
);
console.log(`teachers of color ${pct(s.teachersOfColorShare)} vs students of color ${pct(s.studentsOfColorShare)}`);
console.log(
  `chronic absence ${JSON.stringify(s.chronicAbsence, (_k, v: unknown) => (typeof v === "number" ? +v.toFixed(1) : v))}`,
);
console.log(
  `suspensions per 100 ${JSON.stringify(s.suspensions, (_k, v: unknown) =>
    typeof v === "number" ? +v.toFixed(1) : v,
  )}`,
);
