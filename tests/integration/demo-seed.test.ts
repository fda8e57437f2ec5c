import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts, seedDemoDistrict } from "../../db/seed/demo";
import { users, workspaces } from "../../db/schema";
import { demoMember } from "../helpers/demo";
import { startTestServer, type TestServer } from "../helpers/server";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

describe("demo district", () => {
  it("loads Riverbend once, with its three workspaces and five accounts", async () => {
    expect(await seedDemoDistrict(app.db)).toBe(true);
    expect(await seedDemoDistrict(app.db)).toBe(false);
    expect((await app.db.select({ n: count() }).from(users))[0]!.n).toBe(demoAccounts.length);
    // Nobody could open a link sent to a fictional address: the demo's accounts come verified.
    expect((await app.db.select().from(users)).every((u) => u.emailVerifiedAt !== null)).toBe(true);
    const names = (await app.db.select().from(workspaces)).map((w) => w.name).sort();
    expect(names).toEqual(["Cabinet strategic plan", "Community coalition data review", "Family budget priorities"]);
  });

  it("lets a family member sign in and see only the family workspace", async () => {
    const family = await demoMember(app.url, "family");
    const ws = await (await family.api("GET", "/workspaces/family-budget-priorities")).json();
    expect(ws).toMatchObject({ role: "commenter", stakeholderGroup: "family" });
    expect((await family.api("GET", "/workspaces/cabinet-strategic-plan")).status).toBe(404);
  });

  it("loads Riverbend's data package as its first data version, with the plans' metrics live", async () => {
    const sup = await demoMember(app.url, "superintendent");
    const versions = (await (await sup.api("GET", "/districts/riverbend/data/versions")).json()).versions;
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, schools: 40, createdBy: "Elena Márquez" });
    const funding = await (await sup.api("GET", "/districts/riverbend/metrics/funding")).json();
    // Built in on purpose: spending does not rise with poverty.
    expect(funding.ratioQ4toQ1).toBeLessThan(1);
  });

  it("opens the cabinet's action plan beside a live chart of the district's data", async () => {
    const sup = await demoMember(app.url, "superintendent");
    const { views } = await (await sup.api("GET", "/workspaces/cabinet-strategic-plan/views")).json();
    expect(views.map((v: { title: string }) => v.title).sort()).toEqual([
      "Per-pupil spending by poverty quartile",
      "Spending and poverty, school by school",
    ]);
    const { plans } = await (await sup.api("GET", "/workspaces/cabinet-strategic-plan/plans")).json();
    const markdown = await (await sup.api("GET", `/plans/${plans[0].id}/export?format=md`)).text();
    // Under School funding's "Where we are", after its hint, before "Root causes".
    const funding = markdown.slice(markdown.indexOf("School funding"), markdown.indexOf("Root causes"));
    expect(funding).toContain("**Per-pupil spending by poverty quartile**");
    expect(funding).toMatch(/\| Highest poverty \(Q4\) \| \$[\d,.]+ \|/);
  });

  it("makes the superintendent an admin of the district who owns every workspace", async () => {
    const sup = await demoMember(app.url, "superintendent");
    const list = await (await sup.api("GET", "/districts/riverbend/workspaces")).json();
    expect(list.workspaces.map((w: { role: string }) => w.role)).toEqual(["owner", "owner", "owner"]);
  });

  it("gives the family workspace its review in Spanish as well as in English, each naming the other", async () => {
    const family = await demoMember(app.url, "family");
    const { plans } = await (await family.api("GET", "/workspaces/family-budget-priorities/plans")).json();
    const titles = plans.map((p: { title: string }) => p.title).sort();
    expect(titles).toEqual([
      "High-dosage tutoring: ROI review",
      "Tutoría intensiva: revisión del retorno de la inversión",
    ]);
    const markdown = async (title: string) => {
      const plan = plans.find((p: { title: string }) => p.title === title);
      return (await family.api("GET", `/plans/${plan.id}/export?format=md`)).text();
    };
    const es = await markdown("Tutoría intensiva: revisión del retorno de la inversión");
    // The template's headings and decision in Spanish, the hints replaced by the district's own text.
    expect(es).toContain("## Decisión");
    expect(es).toMatch(/- \[ \] Suspender/);
    expect(es).toContain("tutores capacitados");
    expect(es).toContain("también está en inglés: «High-dosage tutoring: ROI review»");
    expect(es).not.toMatch(/The investment|What is it, which schools/);
    const en = await markdown("High-dosage tutoring: ROI review");
    expect(en).toContain("## Decision");
    expect(en).toContain("trained tutors");
    expect(en).toContain("also in Spanish: “Tutoría intensiva: revisión del retorno de la inversión”");
  });

  it("opens the family workspace with threads: Rosa's question in Spanish answered by the superintendent, and a resolved one", async () => {
    const family = await demoMember(app.url, "family");
    const { plans } = await (await family.api("GET", "/workspaces/family-budget-priorities/plans")).json();
    const threadsOf = async (title: string) => {
      const plan = plans.find((p: { title: string }) => p.title === title);
      return (await (await family.api("GET", `/plans/${plan.id}/threads`)).json()).threads as {
        resolved: boolean;
        anchor: { status: string; quote: string };
        comments: { author: { name: string }; body: string }[];
      }[];
    };
    const [question] = await threadsOf("Tutoría intensiva: revisión del retorno de la inversión");
    expect(question).toMatchObject({ resolved: false, anchor: { status: "attached" } });
    expect(question!.comments.map((c) => c.author.name)).toEqual(["Rosa García", "Elena Márquez"]);
    expect(question!.comments[0]!.body).toMatch(/^Mi hija está en 3\.er grado/);
    const [settled] = await threadsOf("High-dosage tutoring: ROI review");
    expect(settled).toMatchObject({ resolved: true, anchor: { status: "attached", quote: "$1.2 million a year" } });
    // Rosa hears of the answer: her bell has it.
    const { unread, notifications } = await (await family.api("GET", "/me/notifications")).json();
    expect(unread).toBe(1);
    expect(notifications[0].kind).toBe("reply");
    // Seeding again adds nothing.
    expect(await seedDemoDistrict(app.db)).toBe(false);
    expect(await threadsOf("High-dosage tutoring: ROI review")).toHaveLength(1);
  });
});
