import { describe, expect, it } from "vitest";
import { csvField, parseCsv } from "./csv";

describe("parseCsv", () => {
  it("reads RFC 4180 quoting: commas, doubled quotes and line breaks inside quotes", () => {
    const r = parseCsv('a,b,c\n"x, y","say ""hi""","two\nlines"\nlast,row,here\n');
    expect(r.records).toEqual([
      ["a", "b", "c"],
      ["x, y", 'say "hi"', "two\nlines"],
      ["last", "row", "here"],
    ]);
    expect(r.errors).toEqual([]);
    expect(r.stopped).toBeNull();
  });

  it("gives each record the physical line it starts on, across multi-line fields, CRLF, CR and blank lines", () => {
    const text = 'h1,h2\r\n"a\r\nb\r\nc",1\r\n\r\n  \r\nnext,2\rcr,3\n"x\ry",4\nend,5';
    const r = parseCsv(text);
    expect(r.records.map((f) => f[0])).toEqual(["h1", "a\r\nb\r\nc", "next", "cr", "x\ry", "end"]);
    expect(r.lines).toEqual([1, 2, 7, 8, 9, 11]);
  });

  it("skips a byte-order mark, trims spaces and tabs around fields (inside quotes too), and skips rows of empty fields", () => {
    const r = parseCsv('\uFEFF id , name \n  7 ,\t"  Adams  " \n,,\n"",""\n8,"B"');
    expect(r.records).toEqual([
      ["id", "name"],
      ["7", "Adams"],
      ["8", "B"],
    ]);
    expect(r.lines).toEqual([1, 2, 5]);
  });

  it("keeps a trailing empty field and does not invent a record after the final line break", () => {
    expect(parseCsv("a,b,\n").records).toEqual([["a", "b", ""]]);
    expect(parseCsv("").records).toEqual([]);
    expect(parseCsv("\n\n").records).toEqual([]);
  });

  it("reports a stray quote in an unquoted value with its record's start line and field, and keeps going", () => {
    const r = parseCsv('a,b\n"multi\nline",ok\n1,ab"c\n2,fine\n');
    expect(r.errors).toEqual([
      { record: 2, line: 4, field: 1, message: expect.stringMatching(/double quote appears inside a value/) },
    ]);
    expect(r.records).toHaveLength(4);
    expect(r.stopped).toBeNull();
  });

  it("reports text after a closing quote", () => {
    const r = parseCsv('a,b\n"x"y,2\n');
    expect(r.errors).toEqual([
      { record: 1, line: 2, field: 0, message: expect.stringMatching(/after the closing double quote/) },
    ]);
  });

  it("reports a quote that never closes, with the line it opened on, instead of crashing", () => {
    const r = parseCsv('a,b\n1,2\n3,"never closed\n4,5\n6,7\n');
    expect(r.stopped).toBe("unclosed-quote");
    expect(r.errors).toEqual([
      {
        record: -1,
        line: 3,
        field: 1,
        message: expect.stringMatching(/opened with a double quote on line 3 is never closed/),
      },
    ]);
    expect(r.records).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("stops after maxRecords non-blank records and says so", () => {
    expect(parseCsv("h\n1\n\n2\n", { maxRecords: 3 }).stopped).toBeNull();
    const r = parseCsv("h\n1\n2\n3\n", { maxRecords: 3 });
    expect(r.stopped).toBe("record-limit");
    expect(r.records).toHaveLength(3);
  });
});

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0"],
    ["", ""],
  ])("%j → %s", (value, text) => {
    expect(csvField(value)).toBe(text);
    expect(parseCsv(`h\n${text},x`).records[1]).toEqual([value, "x"]);
  });
});
