import http from "node:http";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, districtDataDrafts, districtDataVersions, districtMemberships, districts } from "../../db/schema";
import { commitDataDraft } from "../../app/models/district-data.server";
import type { TestClient } from "../helpers/client";
import { packageForm, riverbend, uploadPackage, type PackageFiles } from "../helpers/district-data";
import { startTestServer, type TestServer } from "../helpers/server";
import { member, signedUp } from "../helpers/workspace";

let app: TestServer;
let admin: TestClient;
let district: string;
let districtId: string;

beforeAll(async () => {
  app = await startTestServer();
  admin = await signedUp(app.url, "Dana Admin", "admin");
  district = (await (await admin.api("POST", "/districts", { name: "Data District" })).json()).slug;
  districtId = (await app.db.select().from(districts).where(eq(districts.slug, district)))[0]!.id;
});
afterAll(() => app.close());

const upload = (client: TestClient, files: PackageFiles, slug = district) => uploadPackage(client, slug, files);
const versionCount = async () =>
  (await app.db.select().from(districtDataVersions).where(eq(districtDataVersions.districtId, districtId))).length;

describe("district data import", () => {
  it("imports a package as a new version, lists it and exports it back losslessly", async () => {
    const res = await upload(admin, riverbend);
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ version: 1, schools: 40, warnings: [] });
    const audited = await app.db.select().from(auditEvents).where(eq(auditEvents.action, "district.data_imported"));
    expect(audited).toMatchObject([{ districtId, data: { version: 1 } }]);
    expect(created.measures).toBe(riverbend.measures.trim().split("\n").length - 1);

    const { versions } = await (await admin.api("GET", `/districts/${district}/data/versions`)).json();
    expect(versions[0]).toMatchObject({ version: 1, schools: 40, createdBy: "Dana Admin" });
    const schoolsCsv = await (await admin.get(versions[0].files.schools)).text();
    const measuresCsv = await (await admin.get(versions[0].files.measures)).text();

    expect((await upload(admin, { schools: schoolsCsv, measures: measuresCsv })).status).toBe(201);
    const metrics = async (version: number) => ({
      funding: await (await admin.api("GET", `/districts/${district}/metrics/funding?version=${version}`)).json(),
      algebra: await (
        await admin.api(
          "GET",
          `/districts/${district}/metrics/algebra-access?reference=white&focal=latinx&version=${version}`,
        )
      ).json(),
    });
    const [v1, v2] = [await metrics(1), await metrics(2)];
    expect({ ...v2.funding, version: 1 }).toEqual(v1.funding);
    expect({ ...v2.algebra, version: 1 }).toEqual(v1.algebra);
  });

  it("computes the funding and Algebra 1 metrics of the latest version", async () => {
    const funding = await (await admin.api("GET", `/districts/${district}/metrics/funding`)).json();
    expect(funding.version).toBe(2);
    expect(funding.quartiles.map((q: { quartile: number; schools: number }) => [q.quartile, q.schools])).toEqual([
      [1, 10],
      [2, 10],
      [3, 10],
      [4, 10],
    ]);
    const [q1, , , q4] = funding.quartiles;
    expect(funding.ratioQ4toQ1).toBeCloseTo(q4.perPupilSpending / q1.perPupilSpending, 10);
    expect(funding.ratioQ4toQ1).toBeLessThan(1);
    expect(q4.noviceTeacherShare).toBeGreaterThan(1.8 * q1.noviceTeacherShare);
    expect(typeof funding.progressivitySlopePer10pts).toBe("number");

    const algebra = await (
      await admin.api("GET", `/districts/${district}/metrics/algebra-access?reference=white&focal=latinx`)
    ).json();
    expect(algebra.accessPart + algebra.assignmentPart).toBeCloseTo(algebra.gap, 12);
    expect(algebra.reference.rate).toBeCloseTo(algebra.reference.access * algebra.reference.assignment, 12);
    expect(algebra.accessShare).toBeGreaterThan(0.3);
    expect(algebra.accessShare).toBeLessThan(0.7);

    const bad = await admin.api("GET", `/districts/${district}/metrics/algebra-access?reference=white&focal=martians`);
    expect(bad.status).toBe(400);
    expect((await admin.api("GET", `/districts/${district}/metrics/funding?version=abc`)).status).toBe(400);
    expect((await admin.api("GET", `/districts/${district}/metrics/funding?version=99`)).status).toBe(404);
  });

  it("rejects a package with errors, listing every one with file, line and column, and stores nothing", async () => {
    const before = await versionCount();
    const measures =
      riverbend.measures.trimEnd() +
      "\nRUSD-001,per_pupil_spending,all,12442\nNOPE-999,teachers_fte,all,3\nRUSD-002,per_pupil_spending,black,9000\n";
    const res = await upload(admin, { schools: riverbend.schools, measures });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_data_package");
    const details = body.error.details as {
      file: string;
      line: number;
      column: string | null;
      code: string;
      params: Record<string, unknown>;
      message: string;
    }[];
    const lines = riverbend.measures.trimEnd().split("\n").length;
    expect(details.map((d) => [d.file, d.line, d.column])).toEqual([
      ["measures.csv", lines + 1, null],
      ["measures.csv", lines + 2, "school_id"],
      ["measures.csv", lines + 3, "student_group"],
    ]);
    expect(details[0]!.message).toMatch(/line 2\b/);
    // Each detail also carries its message key and params, for clients that translate.
    expect(details[1]).toMatchObject({ code: "dataIssue.unknownSchool", params: { value: "NOPE-999" } });
    expect(details.map((d) => d.code)).toEqual([
      "dataIssue.duplicateRow",
      "dataIssue.unknownSchool",
      "dataIssue.allStudentsOnly",
    ]);
    expect(await versionCount()).toBe(before);
  });

  it("refuses missing files, other content types and oversized uploads early", async () => {
    const before = await versionCount();
    expect((await upload(admin, { schools: riverbend.schools })).status).toBe(400);
    const json = await admin.api("POST", `/districts/${district}/data`, { schools: "x" });
    expect(json.status).toBe(400);

    // 50 MB announced: refused from the Content-Length, after only 1 KB was sent.
    const big = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${app.url}/api/v1/districts/${district}/data`, {
        method: "POST",
        headers: {
          Cookie: admin.cookieHeader(),
          Origin: app.url,
          "Content-Type": "multipart/form-data; boundary=x",
          "Content-Length": String(50 * 1024 * 1024),
        },
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => {
          resolve({ status: res.statusCode!, body });
          req.destroy();
        });
      });
      req.on("error", reject);
      req.write(new Uint8Array(1024));
    });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.message).toMatch(/10 MB/);

    // A part that grows past 10 MB while streaming.
    const huge = "x".repeat(10 * 1024 * 1024 + 1);
    const res = await upload(admin, { schools: huge, measures: "a" });
    expect(res.status).toBe(413);
    expect(await versionCount()).toBe(before);
  });

  it("lets only district admins import; non-members see nothing", async () => {
    const stranger = await signedUp(app.url, "Sam Stranger", "stranger");
    expect((await upload(stranger, riverbend)).status).toBe(404);
    for (const p of ["/data", "/data/versions", "/metrics/funding", "/data/versions/1/schools.csv"]) {
      expect((await stranger.api("GET", `/districts/${district}${p}`)).status, p).toBe(404);
    }
    const staff = await signedUp(app.url, "Stacy Staff", "staff");
    const staffId = (await (await staff.api("GET", "/me")).json()).id;
    await app.db.insert(districtMemberships).values({ districtId, userId: staffId, role: "staff" });
    const before = await versionCount();
    expect((await upload(staff, riverbend)).status).toBe(403);
    expect((await staff.api("GET", `/districts/${district}/metrics/funding`)).status).toBe(200);
    expect(await versionCount()).toBe(before);
  });

  it("previews an upload on the data page and imports it only once confirmed", async () => {
    const before = await versionCount();
    const preview = await admin.request("POST", `/districts/${district}/data`, { body: packageForm(riverbend) });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("40 schools");
    // Measures by their names in the reader's language, not their ids.
    expect(html).toContain("Per-pupil spending ($), Teachers (FTE), Novice teachers (FTE)");
    expect(html).not.toContain("per_pupil_spending, teachers_fte");
    expect(await versionCount()).toBe(before);
    const draft = /name="draft" value="([0-9a-f-]{36})"/.exec(html)![1]!;

    const other = await signedUp(app.url, "Other Admin", "other");
    expect((await other.postForm(`/districts/${district}/data`, { draft })).status).toBe(404);

    expect((await admin.postForm(`/districts/${district}/data`, { draft })).status).toBe(200);
    expect(await versionCount()).toBe(before + 1);
    // A draft is used once.
    expect((await admin.postForm(`/districts/${district}/data`, { draft })).status).toBe(400);
    expect(await versionCount()).toBe(before + 1);

    const bad = await admin.request("POST", `/districts/${district}/data`, {
      body: packageForm({ schools: riverbend.schools, measures: "school_id,measure\nRUSD-001,teachers_fte\n" }),
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("value");
  });

  it("keeps a confirmed draft when its version cannot be written, so that it can be confirmed again", async () => {
    const before = await versionCount();
    const audits = async () =>
      (await app.db.select().from(auditEvents).where(eq(auditEvents.action, "district.data_imported"))).length;
    const auditsBefore = await audits();
    const preview = await admin.request("POST", `/districts/${district}/data`, { body: packageForm(riverbend) });
    const draft = /name="draft" value="([0-9a-f-]{36})"/.exec(await preview.text())![1]!;
    const userId = (await (await admin.api("GET", "/me")).json()).id;
    const drafts = () => app.db.select().from(districtDataDrafts).where(eq(districtDataDrafts.id, draft));

    // The version row cannot be written (as with a full disk), after the draft has been taken.
    await app.db.execute(
      sql`create function refuse_data_version() returns trigger language plpgsql as $$ begin raise exception 'no space left'; end $$`,
    );
    await app.db.execute(
      sql`create trigger refuse_data_version before insert on district_data_versions for each row execute function refuse_data_version()`,
    );
    try {
      await expect(commitDataDraft(app.db, { districtId, draftId: draft, userId })).rejects.toThrow();
    } finally {
      await app.db.execute(sql`drop trigger refuse_data_version on district_data_versions`);
      await app.db.execute(sql`drop function refuse_data_version()`);
    }
    expect(await drafts()).toHaveLength(1);
    expect(await versionCount()).toBe(before);
    expect(await audits()).toBe(auditsBefore);

    expect((await admin.postForm(`/districts/${district}/data`, { draft })).status).toBe(200);
    expect(await versionCount()).toBe(before + 1);
    expect(await drafts()).toHaveLength(0);
    expect(await audits()).toBe(auditsBefore + 1);
    // The draft's stored package is the version's: it reads back whole.
    const funding = await (await admin.api("GET", `/districts/${district}/metrics/funding`)).json();
    expect(funding.version).toBe(before + 1);
    expect(funding.quartiles.reduce((n: number, q: { schools: number }) => n + q.schools, 0)).toBe(40);
  });

  it("gives members of the district's workspaces computed figures only: no raw files, small groups hidden", async () => {
    // Pacific Islander eighth graders cut to 4 district-wide (RUSD-025 and RUSD-027 only).
    const measures = riverbend.measures
      .split("\n")
      .filter((l) => !/,grade8_(students|algebra1_enrolled),pacific_islander,/.test(l) || /^RUSD-02[57],/.test(l))
      .join("\n");
    const imported = await upload(admin, { schools: riverbend.schools, measures });
    expect(imported.status).toBe(201);
    const { version } = await imported.json();

    const created = await admin.api("POST", `/districts/${district}/workspaces`, { name: "Family council" });
    const workspace = (await created.json()).slug;
    const family = await member(admin, workspace, {
      role: "viewer",
      stakeholderGroup: "family",
      name: "Fran Family",
      label: "family",
    });

    // Raw versions carry every small cell: district admins and staff only.
    for (const p of ["/data/versions", `/data/versions/${version}/measures.csv`]) {
      expect((await family.api("GET", `/districts/${district}${p}`)).status, p).toBe(403);
    }
    expect((await family.api("GET", `/districts/${district}/metrics/funding`)).status).toBe(200);

    const algebra = (client: TestClient) =>
      client.api("GET", `/districts/${district}/metrics/algebra-access?reference=white&focal=pacific_islander`);
    const staffView = await (await algebra(admin)).json();
    expect(staffView.focal).toMatchObject({ group: "pacific_islander", rate: 0 }); // 4 students, none enrolled
    expect(staffView).toMatchObject({ smallCellsHidden: false });
    expect(staffView.gap).not.toBeNull();
    const familyView = await (await algebra(family)).json();
    expect(familyView).toMatchObject({
      focal: { group: "pacific_islander", access: null, assignment: null, rate: null },
      gap: null,
      accessPart: null,
      assignmentPart: null,
      accessShare: null,
      smallCellsHidden: true,
    });
    // The white rate is over the schools whose white eighth graders can be shown, in whole percents.
    expect(familyView.reference.rate).not.toBeNull();
    expect(Math.round(familyView.reference.rate * 100)).toBe(familyView.reference.rate * 100);
  });
});
