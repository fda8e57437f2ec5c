import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { districtMemberships, districts, planUpdates, plans, workspaceMemberships, workspaces } from "../schema";
import type { PlanTemplate } from "../../app/domain/plan-templates";
import { templateUpdate } from "../../app/models/plan-content.server";
import { createUser, findUserByEmail } from "../../app/models/users.server";
import type { StakeholderGroup, WorkspaceRole } from "../../app/domain/roles";

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

const demoWorkspaces: {
  slug: string;
  name: string;
  description: string;
  members: [DemoKey, WorkspaceRole, StakeholderGroup][];
  plans: { title: string; template: PlanTemplate; author: DemoKey }[];
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
    plans: [{ title: "2027–28 resource equity action plan", template: "equity_action_plan", author: "superintendent" }],
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
    description: "Families weigh in on which investments matter most for next year's budget.",
    members: [
      ["superintendent", "owner", "cabinet"],
      ["cfo", "editor", "cabinet"],
      ["coalition", "commenter", "coalition"],
      ["familyGarcia", "commenter", "family"],
      ["familyNguyen", "commenter", "family"],
    ],
    plans: [{ title: "High-dosage tutoring: ROI review", template: "strategic_roi_review", author: "cfo" }],
  },
];

/** Loads the fictional Riverbend district once; returns false when it is already there. */
export async function seedDemoDistrict(db: Database): Promise<boolean> {
  const [existing] = await db.select().from(districts).where(eq(districts.slug, DEMO_DISTRICT_SLUG));
  if (existing) return false;

  const ids = {} as Record<DemoKey, string>;
  for (const account of demoAccounts) {
    const user =
      (await findUserByEmail(db, account.email)) ??
      (await createUser(db, { name: account.name, email: account.email, password: DEMO_PASSWORD }));
    ids[account.key] = user!.id;
  }

  await db.transaction(async (tx) => {
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
        }))
      );
      for (const plan of w.plans) {
        const [row] = await tx
          .insert(plans)
          .values({ workspaceId: workspace.id, title: plan.title, template: plan.template, createdBy: ids[plan.author] })
          .returning();
        await tx
          .insert(planUpdates)
          .values({ planId: row!.id, update: templateUpdate(plan.template, "en"), userId: ids[plan.author] });
      }
    }
  });
  return true;
}
