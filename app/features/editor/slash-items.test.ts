import { describe, expect, it } from "vitest";
import { translator } from "../../i18n/translate";
import { filterSlashItems, slashItems } from "./slash-items";

const en = translator("en");
const es = translator("es");
const labels = (query: string, t = en) => filterSlashItems(query, t).map((item) => t(item.label));

describe("filterSlashItems", () => {
  it("lists every entry, in order, before anything is typed", () => {
    expect(filterSlashItems("", en)).toEqual(slashItems);
    expect(labels("", en)).toEqual([
      "Heading 2",
      "Heading 3",
      "Bulleted list",
      "Numbered list",
      "Checklist",
      "Table",
      "Quote",
      "Data view",
      "Vote results",
    ]);
  });

  it.each([
    ["dat", ["Data view"]],
    ["DAT", ["Data view"]],
    ["che", ["Checklist"]],
    ["tab", ["Table"]],
    ["quo", ["Quote"]],
    ["heading", ["Heading 2", "Heading 3"]],
    ["h3", ["Heading 3"]],
    // A word inside a label ranks before a keyword match (the checklist has "list" as a keyword).
    ["list", ["Bulleted list", "Numbered list", "Checklist"]],
    ["action", ["Checklist"]],
    ["chart", ["Data view"]],
    ["zzz", []],
  ])("English %s → %j", (query, expected) => {
    expect(labels(query, en)).toEqual(expected);
  });

  it.each([
    ["tab", ["Tabla"]],
    ["dat", ["Vista de datos"]],
    ["graf", ["Vista de datos"]],
    ["cit", ["Cita"]],
    ["lista", ["Lista con viñetas", "Lista numerada", "Lista de tareas"]],
    // Accents and capitals do not matter.
    ["titulo", ["Título 2", "Título 3"]],
    ["VIÑ", ["Lista con viñetas"]],
    ["vin", ["Lista con viñetas"]],
    ["tareas", ["Lista de tareas"]],
    ["acci", ["Lista de tareas"]],
  ])("Spanish %s → %j", (query, expected) => {
    expect(labels(query, es)).toEqual(expected);
  });

  it("matches the language the reader uses, not the other one", () => {
    expect(labels("tabla", en)).toEqual([]);
    expect(labels("quote", es)).toEqual([]);
  });
});
