/**
 * An independent reader for the generated sample packages: parses the two CSV texts (RFC 4180),
 * checks them against DATA-FORMAT.md's rules and computes the core metrics exactly as
 * DATA-FORMAT.md defines them. Used by generate-package.test.ts and to print the figures of the
 * committed Riverbend package (`npx tsx db/seed/data/write-riverbend.ts` prints them after writing).
 * Deliberately shares no code with the generator (only the vocabulary in types.ts).
 */
import { measureSpecs, schoolLevels, studentGroups, type MeasureName } from "../../../app/domain/district-data/types";

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0]!.trim() === ""));
}

function records(text: string): Record<string, string>[] {
  const [header, ...body] = parseCsv(text);
  const names = header!.map((h) => h.trim().toLowerCase());
  return body.map((cells) => Object.fromEntries(names.map((n, j) => [n, (cells[j] ?? "").trim()])));
}

const suppressionMarks = new Set(["*", "n<10", "<10", "suppressed"]);

export type StatsSchool = {
  id: string;
  name: string;
  level: string;
  enrollment: number;
  pctLowIncome: number;
  pctEnglishLearners: number;
  pctStudentsWithDisabilities: number;
  pctStudentsOfColor: number;
  neighborhood: string;
};
/** value null = suppressed. */
export type StatsRow = { schoolId: string; measure: MeasureName; group: string; value: number | null };

export type Parsed = { schools: StatsSchool[]; rows: StatsRow[]; errors: string[] };

/** Parse and check both files; `errors` lists every rule of DATA-FORMAT.md that is broken. */
export function readPackage(schoolsCsv: string, measuresCsv: string): Parsed {
  const errors: string[] = [];
  const schools: StatsSchool[] = [];
  const ids = new Set<string>();
  const pct = (v: string | undefined, what: string) => {
    const x = Number(v);
    if (v === undefined || v === "" || !Number.isFinite(x) || x < 0 || x > 100)
      errors.push(`${what}: bad percent ${v}`);
    return x;
  };
  records(schoolsCsv).forEach((r, i) => {
    const where = `schools.csv line ${i + 2}`;
    const id = r.school_id ?? "";
    if (!id || id.length > 64) errors.push(`${where}: bad school_id`);
    if (ids.has(id)) errors.push(`${where}: duplicate school_id ${id}`);
    ids.add(id);
    if (!r.school_name || r.school_name.length > 200) errors.push(`${where}: bad school_name`);
    if (!(schoolLevels as readonly string[]).includes((r.level ?? "").toLowerCase()))
      errors.push(`${where}: bad level`);
    const enrollment = Number(r.enrollment);
    if (!Number.isInteger(enrollment) || enrollment < 0) errors.push(`${where}: bad enrollment`);
    if ((r.neighborhood ?? "").length > 200) errors.push(`${where}: neighborhood too long`);
    schools.push({
      id,
      name: r.school_name ?? "",
      level: (r.level ?? "").toLowerCase(),
      enrollment,
      pctLowIncome: pct(r.pct_low_income, `${where} pct_low_income`),
      pctEnglishLearners: pct(r.pct_english_learners, `${where} pct_english_learners`),
      pctStudentsWithDisabilities: pct(r.pct_students_with_disabilities, `${where} pct_students_with_disabilities`),
      pctStudentsOfColor: pct(r.pct_students_of_color, `${where} pct_students_of_color`),
      neighborhood: r.neighborhood ?? "",
    });
  });

  const rows: StatsRow[] = [];
  const seen = new Set<string>();
  records(measuresCsv).forEach((r, i) => {
    const where = `measures.csv line ${i + 2}`;
    const schoolId = r.school_id ?? "";
    if (!ids.has(schoolId)) errors.push(`${where}: unknown school ${schoolId}`);
    const measure = (r.measure ?? "").toLowerCase();
    const spec = (measureSpecs as Record<string, (typeof measureSpecs)[MeasureName]>)[measure];
    if (!spec) {
      errors.push(`${where}: unknown measure ${measure}`);
      return;
    }
    const group = (r.student_group ?? "").toLowerCase() || "all";
    if (!(studentGroups as readonly string[]).includes(group)) errors.push(`${where}: unknown group ${group}`);
    if (spec.groups === "all" && group !== "all") errors.push(`${where}: ${measure} is all-students only`);
    if (spec.groups === "not_all" && group === "all") errors.push(`${where}: ${measure} not for all`);
    const key = `${schoolId}|${measure}|${group}`;
    if (seen.has(key)) errors.push(`${where}: duplicate ${key}`);
    seen.add(key);
    const raw = r.value ?? "";
    let value: number | null;
    if (suppressionMarks.has(raw.toLowerCase())) value = null;
    else {
      if (!/^\d+(\.\d+)?$/.test(raw)) errors.push(`${where}: not a plain number: ${raw}`);
      value = Number(raw);
      if (value < spec.min || (spec.max !== null && value > spec.max))
        errors.push(`${where}: ${measure} out of range: ${raw}`);
      if ("integer" in spec && spec.integer && !Number.isInteger(value))
        errors.push(`${where}: ${measure} not an integer`);
    }
    rows.push({ schoolId, measure: measure as MeasureName, group, value });
  });
  return { schools, rows, errors };
}

export type Summary = ReturnType<typeof summarize>;

/** The core metrics of DATA-FORMAT.md plus a few descriptive figures. */
export function summarize({ schools, rows }: Parsed) {
  const value = new Map<string, number | null>();
  for (const r of rows) value.set(`${r.schoolId}|${r.measure}|${r.group}`, r.value);
  const get = (id: string, m: MeasureName, g = "all") => value.get(`${id}|${m}|${g}`);

  const sorted = schools
    .slice()
    .sort((a, b) => a.pctLowIncome - b.pctLowIncome || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const quartileOf = new Map(sorted.map((s, i) => [s.id, Math.floor((4 * i) / sorted.length) + 1]));
  const quartiles = [1, 2, 3, 4].map((q) => schools.filter((s) => quartileOf.get(s.id) === q));

  const spending = quartiles.map((qs) => {
    let num = 0;
    let den = 0;
    for (const s of qs) {
      num += get(s.id, "per_pupil_spending")! * s.enrollment;
      den += s.enrollment;
    }
    return num / den;
  });
  const noviceShare = quartiles.map((qs) => {
    let nov = 0;
    let all = 0;
    for (const s of qs) {
      nov += get(s.id, "novice_teachers_fte")!;
      all += get(s.id, "teachers_fte")!;
    }
    return nov / all;
  });

  const algebraFor = (g: string) => {
    let N = 0;
    let O = 0;
    let E = 0;
    for (const s of schools) {
      const n = get(s.id, "grade8_students", g);
      if (n === undefined) continue;
      N += n!;
      if (get(s.id, "offers_grade8_algebra1") === 1) O += n!;
      E += get(s.id, "grade8_algebra1_enrolled", g)!;
    }
    const a = O / N;
    const c = O === 0 ? 0 : E / O;
    return { N, O, E, access: a, assignment: c, rate: E / N };
  };
  const decompose = (A: string, B: string) => {
    const a = algebraFor(A);
    const b = algebraFor(B);
    const gap = a.rate - b.rate;
    const accessPart = ((a.access - b.access) * (a.assignment + b.assignment)) / 2;
    const assignmentPart = ((a.assignment - b.assignment) * (a.access + b.access)) / 2;
    return { reference: a, focal: b, gap, accessPart, assignmentPart, accessShare: accessPart / gap };
  };

  const totalEnrollment = schools.reduce((a, s) => a + s.enrollment, 0);
  const counselorRatios = schools.map((s) => s.enrollment / get(s.id, "counselors_fte")!);
  const teachers = schools.reduce((a, s) => a + get(s.id, "teachers_fte")!, 0);
  const toc = schools.reduce((a, s) => a + get(s.id, "teachers_of_color_fte")!, 0);
  const soc = schools.reduce((a, s) => a + (s.enrollment * s.pctStudentsOfColor) / 100, 0);

  const weightedRate = (m: MeasureName, g: string, countGroup = g) => {
    let num = 0;
    let den = 0;
    for (const s of schools) {
      const v = get(s.id, m, g);
      const n = countGroup === "all" ? s.enrollment : get(s.id, "enrollment_by_group", countGroup);
      if (v == null || n == null) continue;
      num += v * n;
      den += n;
    }
    return num / den;
  };

  const levels: Record<string, number> = {};
  for (const s of schools) levels[s.level] = (levels[s.level] ?? 0) + 1;
  const noAlgebra = schools.filter((s) => get(s.id, "offers_grade8_algebra1") === 0);

  return {
    schools: schools.length,
    measureRows: rows.length,
    suppressedRows: rows.filter((r) => r.value === null).length,
    levels,
    neighborhoods: [...new Set(schools.map((s) => s.neighborhood))],
    totalEnrollment,
    pctLowIncomeRange: [sorted[0]!.pctLowIncome, sorted[sorted.length - 1]!.pctLowIncome] as const,
    measuresCovered: new Set(rows.map((r) => r.measure)).size,
    quartileSizes: quartiles.map((q) => q.length),
    spending,
    spendingRatio: spending[3]! / spending[0]!,
    noviceShare,
    noviceRatio: noviceShare[3]! / noviceShare[0]!,
    noAlgebra: noAlgebra.map((s) => ({
      id: s.id,
      level: s.level,
      quartile: quartileOf.get(s.id)!,
      pctLowIncome: s.pctLowIncome,
    })),
    algebraWhiteLatinx: decompose("white", "latinx"),
    algebraWhiteBlack: decompose("white", "black"),
    counselors: {
      worseThan250: counselorRatios.filter((r) => r > 250).length,
      districtRatio: totalEnrollment / schools.reduce((a, s) => a + get(s.id, "counselors_fte")!, 0),
      median: counselorRatios.slice().sort((a, b) => a - b)[Math.floor(counselorRatios.length / 2)]!,
    },
    teachersOfColorShare: toc / teachers,
    studentsOfColorShare: soc / totalEnrollment,
    chronicAbsence: {
      all: weightedRate("chronic_absence_pct", "all"),
      low_income: weightedRate("chronic_absence_pct", "low_income"),
      not_low_income: weightedRate("chronic_absence_pct", "not_low_income"),
    },
    suspensions: {
      all: weightedRate("suspensions_per_100", "all"),
      black: weightedRate("suspensions_per_100", "black"),
      white: weightedRate("suspensions_per_100", "white"),
      latinx: weightedRate("suspensions_per_100", "latinx"),
    },
  };
}
