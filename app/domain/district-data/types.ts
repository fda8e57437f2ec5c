/**
 * The district data contract (../shared/docs/DATA-FORMAT.md) as types: what a
 * valid data package holds once parsed. Framework-free; the importer produces
 * it, the metrics read it, the exporter writes it back out.
 */
import type { MessageKey } from "../../i18n/translate";

export const schoolLevels = ["elementary", "middle", "high", "k8", "k12", "other"] as const;
export type SchoolLevel = (typeof schoolLevels)[number];

export const studentGroups = [
  "all",
  "low_income",
  "not_low_income",
  "english_learner",
  "students_with_disabilities",
  "black",
  "latinx",
  "white",
  "asian",
  "native_american",
  "pacific_islander",
  "multiracial",
] as const;
export type StudentGroup = (typeof studentGroups)[number];

export type School = {
  schoolId: string;
  schoolName: string;
  level: SchoolLevel;
  enrollment: number;
  /** Percents 0–100. */
  pctLowIncome: number;
  pctEnglishLearners: number | null;
  pctStudentsWithDisabilities: number | null;
  pctStudentsOfColor: number | null;
  neighborhood: string | null;
  /**
   * Attributes withheld from this copy of the package (see
   * domain/disclosure/restricted-package.ts): the number is still there for
   * ranking and weighting, but no figure may publish it. Absent in a package as imported.
   */
  concealed?: readonly SchoolAttribute[];
};

/** The figures of schools.csv that describe students, and so can be small cells. */
export type SchoolAttribute =
  "enrollment" | "pctLowIncome" | "pctEnglishLearners" | "pctStudentsWithDisabilities" | "pctStudentsOfColor";

/** A value the district reported as suppressed is known to exist but unknown: never 0. */
export type MeasureValue = { suppressed: false; value: number } | { suppressed: true };

export type MeasureRow = {
  schoolId: string;
  measure: MeasureName;
  group: StudentGroup;
  value: MeasureValue;
};

export type DataPackage = { schools: School[]; measures: MeasureRow[] };

export type Dimension =
  | "school_funding"
  | "teaching_quality"
  | "leadership_quality"
  | "rigorous_content"
  | "instructional_time"
  | "school_climate"
  | "student_supports"
  | "early_learning"
  | "facilities"
  | "diverse_schools";

type MeasureSpec = {
  dimension: Dimension;
  /** Inclusive range; max null = unbounded. */
  min: number;
  max: number | null;
  unit: "usd" | "count" | "years" | "flag" | "students" | "minutes" | "percent" | "rate" | "index";
  /** "all": only the all-students group; "any": any group; "not_all": any group except all. */
  groups: "all" | "any" | "not_all";
  integer?: boolean;
};

/** DATA-FORMAT.md's measure vocabulary, in its order. */
export const measureSpecs = {
  per_pupil_spending: { dimension: "school_funding", min: 0, max: null, unit: "usd", groups: "all" },
  teachers_fte: { dimension: "teaching_quality", min: 0, max: null, unit: "count", groups: "all" },
  novice_teachers_fte: { dimension: "teaching_quality", min: 0, max: null, unit: "count", groups: "all" },
  teachers_of_color_fte: { dimension: "teaching_quality", min: 0, max: null, unit: "count", groups: "all" },
  avg_teacher_experience_years: { dimension: "teaching_quality", min: 0, max: null, unit: "years", groups: "all" },
  principal_tenure_years: { dimension: "leadership_quality", min: 0, max: null, unit: "years", groups: "all" },
  offers_grade8_algebra1: { dimension: "rigorous_content", min: 0, max: 1, unit: "flag", groups: "all", integer: true },
  grade8_students: { dimension: "rigorous_content", min: 0, max: null, unit: "count", groups: "any" },
  grade8_algebra1_enrolled: { dimension: "rigorous_content", min: 0, max: null, unit: "count", groups: "any" },
  advanced_courses_offered: { dimension: "rigorous_content", min: 0, max: null, unit: "count", groups: "all" },
  avg_core_class_size: { dimension: "instructional_time", min: 0, max: null, unit: "students", groups: "all" },
  intervention_minutes_weekly: { dimension: "instructional_time", min: 0, max: null, unit: "minutes", groups: "any" },
  chronic_absence_pct: { dimension: "school_climate", min: 0, max: 100, unit: "percent", groups: "any" },
  suspensions_per_100: { dimension: "school_climate", min: 0, max: null, unit: "rate", groups: "any" },
  counselors_fte: { dimension: "student_supports", min: 0, max: null, unit: "count", groups: "all" },
  social_workers_fte: { dimension: "student_supports", min: 0, max: null, unit: "count", groups: "all" },
  nurses_fte: { dimension: "student_supports", min: 0, max: null, unit: "count", groups: "all" },
  prek_seats: { dimension: "early_learning", min: 0, max: null, unit: "count", groups: "all" },
  prek_waitlist: { dimension: "early_learning", min: 0, max: null, unit: "count", groups: "all" },
  facility_condition_index: { dimension: "facilities", min: 0, max: 100, unit: "index", groups: "all" },
  enrollment_by_group: { dimension: "diverse_schools", min: 0, max: null, unit: "count", groups: "not_all" },
} as const satisfies Record<string, MeasureSpec>;

export type MeasureName = keyof typeof measureSpecs;
export const measureNames = Object.keys(measureSpecs) as MeasureName[];

/** The columns of the two files, in DATA-FORMAT.md's order (import and export share them). */
export const schoolColumns = [
  "school_id",
  "school_name",
  "level",
  "enrollment",
  "pct_low_income",
  "pct_english_learners",
  "pct_students_with_disabilities",
  "pct_students_of_color",
  "neighborhood",
] as const;
export const measureColumns = ["school_id", "measure", "student_group", "value"] as const;

/** Limits from DATA-FORMAT.md. */
export const DATA_LIMITS = { maxFileBytes: 10 * 1024 * 1024, maxRowsPerFile: 200_000 } as const;

/** The two files of a data package. */
export type DataFile = "schools.csv" | "measures.csv";

/** The message keys of data package problems: one per kind ("dataIssue.*" in app/i18n/messages). */
export type IssueCode = Extract<MessageKey, `dataIssue.${string}`>;
/**
 * The values an issue's message is filled with: words from the format (column, measure and group
 * names) and values from the file (shortened, control characters escaped), never translated.
 */
export type IssueParams = Record<string, string | number>;

/**
 * One problem found in a data package. `line` is the 1-based physical line where the record
 * starts (the header is line 1), null for file-level problems; `column` is the header name of
 * the offending column (the format's name for a known column, as written for an unknown one),
 * null for file- and row-level problems. `message` is `code` + `params` rendered in English
 * (see issue-message.ts for other languages).
 */
export type Issue = {
  file: DataFile;
  line: number | null;
  column: string | null;
  code: IssueCode;
  params: IssueParams;
  message: string;
};

/** What a package holds, for the import preview (see summary.ts). */
export type ImportSummary = {
  schools: number;
  measureRows: number;
  /** Vocabulary measures with at least one row, in vocabulary order. */
  measures: MeasureName[];
  /** Vocabulary measures with no row at all, in vocabulary order. */
  measuresMissing: MeasureName[];
  /** Student groups with at least one row, in the groups' order. */
  groups: StudentGroup[];
  /** Measure rows whose value is suppressed. */
  suppressed: number;
  /** School names in file order. */
  schoolNames: string[];
  /** Schools that have no measure row at all. */
  schoolsWithoutMeasures: number;
};

export type ParseDataPackageResult =
  | { ok: true; data: DataPackage; warnings: Issue[]; summary: ImportSummary }
  | { ok: false; errors: Issue[]; warnings: Issue[] };

/** Suppression marks accepted in measures.csv `value` (compared case-insensitively). */
export const suppressionMarks = ["*", "n<10", "<10", "suppressed"] as const;
