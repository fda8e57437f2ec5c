import { seedDemoPolls } from "./demo-polls";
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { districtMemberships, districts, planUpdates, plans, workspaceMemberships, workspaces } from "../schema";
import type { PlanTemplate, TemplateKey } from "../../app/domain/plan-templates";
import type { Locale } from "../../app/i18n/locales";
import { embedViewUpdate, templateUpdate } from "../../app/models/plan-content.server";
import { createDataView } from "../../app/models/data-views.server";
import { parseDataPackage } from "../../app/domain/district-data/parse";
import { createDataVersion } from "../../app/models/district-data.server";
import { addComment, createThread, markNotificationsRead } from "../../app/models/comments.server";
import { createUser, findUserByEmail, grantInstanceAdmin } from "../../app/models/users.server";
import type { StakeholderGroup, WorkspaceRole } from "../../app/domain/roles";
import { seedDemoThreads } from "./demo-threads";

/** Password of every demo account (README lists it). Demo data only ever goes into demo databases. */
export const DEMO_PASSWORD = "riverbend-demo";
export const DEMO_DISTRICT_SLUG = "riverbend";

export const demoAccounts = [
  { key: "superintendent", email: "superintendent@riverbend.example", name: "Elena Márquez", title: "Superintendent" },
  { key: "cfo", email: "cfo@riverbend.example", name: "Marcus Webb", title: "Chief Financial Officer" },
  {
    key: "coalition",
    email: "coalition@riverbend.example",
    name: "Aisha Thompson",
    title: "Riverbend Equity Coalition",
  },
  { key: "familyGarcia", email: "rosa.garcia@riverbend.example", name: "Rosa García", title: "Family member" },
  { key: "familyNguyen", email: "tom.nguyen@riverbend.example", name: "Tom Nguyen", title: "Family member" },
] as const;
type DemoKey = (typeof demoAccounts)[number]["key"];

/** A demo plan: a template in a language, with some of its hints replaced by text already written. */
type DemoPlan = {
  title: string;
  template: PlanTemplate;
  author: DemoKey;
  locale: Locale;
  written?: Partial<Record<TemplateKey, string>>;
};

// The tutoring review is family-facing, so the district publishes it the way districts publish
// a family notice: a translation, a whole document per language that links to the other by
// name. A family reads one language from start to end (on a phone, or with a screen reader
// speaking one language), and each title says which version it is. One document with both
// languages interleaved would double its length and mix two languages in every section.
const TUTORING_EN = "High-dosage tutoring: ROI review";
const TUTORING_ES = "Tutoría intensiva: revisión del retorno de la inversión";
const tutoringReview: Record<Locale, Partial<Record<TemplateKey, string>>> = {
  en: {
    roiIntro: `The district is reviewing this investment with families: is high-dosage tutoring worth what it costs, and should it stop, continue or grow next year? This review is also in Spanish: “${TUTORING_ES}”.`,
    roiInvestmentHint:
      "Since fall 2025, trained tutors meet groups of two or three students three times a week during the school day: reading in grades 2 and 3, math in grades 6 to 8, at the six schools with the most poverty.",
    roiExperienceHint:
      "Students who are behind catch up: they read at grade level by the end of 3rd grade and are ready for Algebra 1 in 8th grade. Families hear from their child's tutor every month.",
    roiCostHint:
      "$1.2 million a year: about $1,500 for each of the 800 students tutored, mostly tutors' pay. Training and materials cost $90,000 once.",
    roiEvidenceHint:
      "After one year, tutored students gained about twice as much in reading as similar students without tutoring. Tutors and teachers say finding time in the school day is the hardest part. What do families see at home?",
  },
  es: {
    roiIntro: `El distrito revisa esta inversión con las familias: ¿vale la tutoría intensiva lo que cuesta?, ¿debe suspenderse, continuar o ampliarse el próximo año? Esta revisión también está en inglés: «${TUTORING_EN}».`,
    roiInvestmentHint:
      "Desde el otoño de 2025, tutores capacitados se reúnen tres veces por semana, durante la jornada escolar, con grupos de dos o tres estudiantes: lectura en 2.º y 3.er grado y matemáticas de 6.º a 8.º grado, en las seis escuelas con más pobreza.",
    roiExperienceHint:
      "Que el alumnado que va atrasado se ponga al día: que lea al nivel de su grado al terminar 3.er grado y llegue preparado a Álgebra 1 en 8.º grado. Las familias reciben noticias del tutor de su hijo o hija cada mes.",
    roiCostHint:
      "1,2 millones de dólares al año: unos 1500 dólares por cada uno de los 800 estudiantes, sobre todo el sueldo de los tutores. La capacitación y los materiales costaron 90.000 dólares una sola vez.",
    roiEvidenceHint:
      "Después de un año, el alumnado con tutoría avanzó en lectura cerca del doble que estudiantes parecidos sin tutoría. Tutores y docentes dicen que lo más difícil es encontrar tiempo en la jornada escolar. ¿Qué ven las familias en casa?",
  },
};

const demoWorkspaces: {
  slug: string;
  name: string;
  description: string;
  members: [DemoKey, WorkspaceRole, StakeholderGroup][];
  plans: DemoPlan[];
}[] = [
  {
    slug: "cabinet-strategic-plan",
    name: "Cabinet strategic plan",
    description:
      "The superintendent's cabinet writes next year's resource equity strategy together, one section per dimension.",
    members: [
      ["superintendent", "owner", "cabinet"],
      ["cfo", "editor", "cabinet"],
    ],
    plans: [
      {
        title: "2027–28 resource equity action plan",
        template: "equity_action_plan",
        author: "superintendent",
        locale: "en",
      },
    ],
  },
  {
    slug: "community-coalition-data-review",
    name: "Community coalition data review",
    description: "Coalition partners review Riverbend's school data with district staff and comment on the draft plan.",
    members: [
      ["superintendent", "owner", "cabinet"],
      ["cfo", "editor", "cabinet"],
      ["coalition", "commenter", "coalition"],
    ],
    plans: [],
  },
  {
    slug: "family-budget-priorities",
    name: "Family budget priorities",
    // Written for families who read English or Spanish, so in both.
    description:
      "Families weigh in on which investments matter most for next year's budget. · Las familias opinan sobre qué inversiones importan más en el presupuesto del próximo año.",
    members: [
      ["superintendent", "owner", "cabinet"],
      ["cfo", "editor", "cabinet"],
      ["coalition", "commenter", "coalition"],
      ["familyGarcia", "commenter", "family"],
      ["familyNguyen", "commenter", "family"],
    ],
    plans: [
      { title: TUTORING_ES, template: "strategic_roi_review", author: "cfo", locale: "es", written: tutoringReview.es },
      { title: TUTORING_EN, template: "strategic_roi_review", author: "cfo", locale: "en", written: tutoringReview.en },
    ],
  },
];

/** Riverbend's data package (schools.csv, measures.csv), generated by db/seed/data/write-riverbend.ts. */
export const DEMO_PACKAGE_DIR = path.resolve("db/seed/data/riverbend");

/** Loads the fictional Riverbend district once, with its data; returns false when it is already there. */
export async function seedDemoDistrict(db: Database, options: { packageDir?: string } = {}): Promise<boolean> {
  const dir = options.packageDir ?? DEMO_PACKAGE_DIR;
  const parsed = parseDataPackage({
    schools: readFileSync(path.join(dir, "schools.csv")),
    measures: readFileSync(path.join(dir, "measures.csv")),
  });
  // The shipped package is ours: an error in it is a bug to fix, not something to load halfway.
  if (!parsed.ok) throw new Error(`demo data package is invalid: ${JSON.stringify(parsed.errors.slice(0, 3))}`);

  const [existing] = await db.select().from(districts).where(eq(districts.slug, DEMO_DISTRICT_SLUG));
  if (existing) return false;

  const ids = {} as Record<DemoKey, string>;
  for (const account of demoAccounts) {
    const user =
      (await findUserByEmail(db, account.email)) ??
      (await createUser(db, {
        name: account.name,
        email: account.email,
        password: DEMO_PASSWORD,
        // Demo addresses are fictional: nobody could open a link sent to them.
        emailVerified: true,
      }));
    ids[account.key] = user!.id;
  }
  // The superintendent runs the demo instance, even when the demo joins a database that had accounts.
  await grantInstanceAdmin(db, demoAccounts.find((a) => a.key === "superintendent")!.email);

  // The plans created, by workspace slug and title, for the views embedded below.
  const created = new Map<string, { id: string; workspaceId: string; state: Uint8Array }>();
  const districtId = await db.transaction(async (tx) => {
    const [district] = await tx
      .insert(districts)
      .values({ slug: DEMO_DISTRICT_SLUG, name: "Riverbend Unified School District" })
      .returning();
    await tx.insert(districtMemberships).values([
      { districtId: district!.id, userId: ids.superintendent, role: "admin" },
      { districtId: district!.id, userId: ids.cfo, role: "admin" },
    ]);
    for (const w of demoWorkspaces) {
      const [workspace] = await tx
        .insert(workspaces)
        .values({ districtId: district!.id, slug: w.slug, name: w.name, description: w.description })
        .onConflictDoNothing()
        .returning();
      if (!workspace) continue;
      await tx.insert(workspaceMemberships).values(
        w.members.map(([key, role, stakeholderGroup]) => ({
          workspaceId: workspace.id,
          userId: ids[key],
          role,
          stakeholderGroup,
        })),
      );
      for (const plan of w.plans) {
        const [row] = await tx
          .insert(plans)
          .values({
            workspaceId: workspace.id,
            title: plan.title,
            template: plan.template,
            createdBy: ids[plan.author],
          })
          .returning();
        const state = templateUpdate(plan.template, plan.locale, plan.written);
        await tx.insert(planUpdates).values({ planId: row!.id, update: state, userId: ids[plan.author] });
        created.set(`${w.slug}/${plan.title}`, { id: row!.id, workspaceId: workspace.id, state });
      }
    }
    return district!.id;
  });
  const { version } = await createDataVersion(db, {
    districtId,
    data: parsed.data,
    warnings: parsed.warnings,
    createdBy: ids.superintendent,
  });
  await seedDemoViews(db, districtId, ids.superintendent, created);
  await seedDemoChartThread(db, ids, version);
  await seedDemoThreads(db);
  await seedDemoPolls(db, ids.superintendent, parsed.data.schools);
  return true;
}

/**
 * The coalition's question on the funding chart's lowest-poverty quartile in its workspace,
 * and the superintendent's answer: a thread on a data point to open in the demo.
 */
async function seedDemoChartThread(db: Database, ids: Record<DemoKey, string>, dataVersion: number) {
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.slug, "community-coalition-data-review"));
  if (!workspace) return;
  const started = await createThread(db, {
    workspaceId: workspace.id,
    target: {
      kind: "diagnostic",
      chartKey: "school_funding.spending_by_quartile",
      point: { bucket: "Q1", measure: "per_pupil_spending" },
      dataVersion,
    },
    authorId: ids.coalition,
    body: "Per-pupil spending falls from the lowest-poverty quartile to the highest: the schools in Q1 get more per student than the schools in Q4, whose students need the most. Can the cabinet explain why, and what it would take to reverse it?",
    mentions: [],
  });
  if ("refused" in started) return;
  await addComment(db, started.thread, {
    authorId: ids.superintendent,
    body: "Thank you, Aisha. You are right that the gap runs the wrong way. The cabinet is modelling a need-weighted formula for 2027–28 and will bring the options to the coalition before the budget vote.",
    mentions: [],
  });
  // The demo opens with this conversation already read: the bell starts quiet.
  await markNotificationsRead(db, ids.coalition, { all: true });
}

/**
 * Two saved views of the cabinet workspace, following the latest data, and the first
 * embedded in its action plan under School funding's "Where we are": the plan opens
 * beside a live chart of the district's own data.
 */
async function seedDemoViews(
  db: Database,
  districtId: string,
  createdBy: string,
  created: Map<string, { id: string; workspaceId: string; state: Uint8Array }>,
) {
  const plan = created.get("cabinet-strategic-plan/2027–28 resource equity action plan");
  if (!plan) return;
  const views = [
    {
      title: "Per-pupil spending by poverty quartile",
      caption: "School-level spending, averaged over each quarter of schools from lowest to highest poverty.",
      spec: { chart: "bar", fields: ["per_pupil_spending"], groups: ["all"], groupBy: "quartile" },
    },
    {
      title: "Spending and poverty, school by school",
      caption: "Each dot is a school, sized by enrollment.",
      spec: { chart: "scatter", fields: ["pct_low_income", "per_pupil_spending"], groups: ["all"], groupBy: "school" },
    },
  ];
  const ids: string[] = [];
  for (const view of views) {
    const saved = await createDataView(db, {
      workspaceId: plan.workspaceId,
      districtId,
      ...view,
      dataVersion: null,
      createdBy,
    });
    if (!saved.ok) throw new Error(`demo view "${view.title}" is invalid: ${JSON.stringify(saved.fields)}`);
    ids.push(saved.view.id);
  }
  await db.insert(planUpdates).values({
    planId: plan.id,
    update: embedViewUpdate(plan.state, "Where we are", ids[0]!),
    userId: createdBy,
  });
}
