/**
 * Writes a data package back out as the two CSV files of DATA-FORMAT.md, so that
 * parseDataPackage(serializeDataPackage(x)) gives x again for every package the importer accepts.
 *
 * Every column is written, in the format's order; empty optional values as empty fields;
 * student_group always explicit; suppressed values as `*`; numbers as plain decimals (no
 * separators, no exponent, shortest exact form). Lines end with CRLF (RFC 4180).
 *
 * No guard against spreadsheet formula injection (`=cmd…`, `+…`, `@…`): prefixing a quote or a
 * tab would change the values and break the lossless round trip, so values are written exactly and
 * only quoted where CSV syntax needs it. Whoever opens an export in a spreadsheet is warned there.
 */
import { csvField } from "./csv";
import { formatNumber } from "./numbers";
import { measureColumns, schoolColumns, type DataPackage } from "./types";

// The importer's columns, in DATA-FORMAT.md's order: what is exported reads back.
export const SCHOOLS_HEADER = schoolColumns;
export const MEASURES_HEADER = measureColumns;

const optional = (n: number | null): string => (n === null ? "" : formatNumber(n));

export function serializeDataPackage(data: DataPackage): { schools: string; measures: string } {
  const schools: string[] = [SCHOOLS_HEADER.join(",")];
  for (const s of data.schools) {
    schools.push(
      [
        csvField(s.schoolId),
        csvField(s.schoolName),
        s.level,
        formatNumber(s.enrollment),
        formatNumber(s.pctLowIncome),
        optional(s.pctEnglishLearners),
        optional(s.pctStudentsWithDisabilities),
        optional(s.pctStudentsOfColor),
        s.neighborhood === null ? "" : csvField(s.neighborhood),
      ].join(","),
    );
  }
  const measures: string[] = [MEASURES_HEADER.join(",")];
  for (const m of data.measures) {
    const value = m.value.suppressed ? "*" : formatNumber(m.value.value);
    measures.push(`${csvField(m.schoolId)},${m.measure},${m.group},${value}`);
  }
  schools.push("");
  measures.push("");
  return { schools: schools.join("\r\n"), measures: measures.join("\r\n") };
}
