import { and, eq } from "drizzle-orm";
import * as Y from "yjs";
import type { Database } from "../client";
import { commentThreads, plans, users, workspaces } from "../schema";
import { anchorQuote } from "../../app/domain/comments/plan-anchor";
import { addComment, createThread, setThreadResolved } from "../../app/models/comments.server";
import { PLAN_FIELD } from "../../app/models/plan-content.server";
import { loadPlanState } from "../../app/models/plan-storage.server";

type DemoThread = {
  workspace: string;
  plan: string;
  quote: string;
  comments: { by: string; body: string }[];
  /** Resolved by this account after its comments. */
  resolvedBy?: string;
};

// Written by people, in the language they read the plan in: the first visit shows threads at work.
const threads: DemoThread[] = [
  {
    workspace: "family-budget-priorities",
    plan: "Tutoría intensiva: revisión del retorno de la inversión",
    quote: "Las familias reciben noticias del tutor de su hijo o hija cada mes.",
    comments: [
      {
        by: "rosa.garcia@riverbend.example",
        body: "Mi hija está en 3.er grado y tiene tutoría desde octubre, pero todavía no hemos recibido ninguna noticia de su tutora. ¿Cómo llegan esas noticias: por correo, en papel o por la aplicación de la escuela?",
      },
      {
        by: "superintendent@riverbend.example",
        body: "Gracias, señora García. Cada tutor debe enviar una nota mensual en papel con el alumno y también por la aplicación de la escuela. Vamos a revisar con la escuela de su hija por qué no le ha llegado, y añadiremos a esta revisión cómo se comunican los tutores con las familias.",
      },
    ],
  },
  {
    workspace: "family-budget-priorities",
    plan: "High-dosage tutoring: ROI review",
    quote: "$1.2 million a year",
    comments: [
      {
        by: "tom.nguyen@riverbend.example",
        body: "Does the $1.2 million include training new tutors every year, or only their pay?",
      },
      {
        by: "cfo@riverbend.example",
        body: "Only their pay. Training and materials were a one-time $90,000, already spent; new tutors are trained by the experienced ones.",
      },
      { by: "tom.nguyen@riverbend.example", body: "Thank you, that answers it." },
    ],
    resolvedBy: "tom.nguyen@riverbend.example",
  },
];

/**
 * The demo's discussions on the family workspace's plans, through the same models as the
 * API (anchored on the stored plan: no collaboration server runs while seeding). A plan
 * that already has threads is left alone, so seeding twice adds nothing.
 */
export async function seedDemoThreads(db: Database): Promise<void> {
  const userId = async (email: string) => (await db.select().from(users).where(eq(users.email, email)))[0]!.id;
  for (const demo of threads) {
    const [found] = await db
      .select({ plan: plans })
      .from(plans)
      .innerJoin(workspaces, eq(workspaces.id, plans.workspaceId))
      .where(and(eq(workspaces.slug, demo.workspace), eq(plans.title, demo.plan)));
    if (!found) continue;
    const plan = found.plan;
    const existing = await db
      .select({ id: commentThreads.id })
      .from(commentThreads)
      .where(eq(commentThreads.planId, plan.id));
    if (existing.length > 0) continue;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await loadPlanState(db, plan.id));
    const anchor = anchorQuote(doc, PLAN_FIELD, demo.quote);
    doc.destroy();
    // The demo's text is ours: a quote that is not in it is a bug to fix.
    if (!anchor) throw new Error(`demo thread: "${demo.quote}" is not in "${demo.plan}"`);
    const [first, ...replies] = demo.comments;
    const created = await createThread(db, {
      workspaceId: plan.workspaceId,
      target: { kind: "plan", planId: plan.id, anchor },
      authorId: await userId(first!.by),
      body: first!.body,
      mentions: [],
    });
    if ("refused" in created) throw new Error("demo thread refused");
    for (const reply of replies) {
      const added = await addComment(db, created.thread, {
        authorId: await userId(reply.by),
        body: reply.body,
        mentions: [],
      });
      if ("refused" in added) throw new Error("demo reply refused");
    }
    if (demo.resolvedBy)
      await setThreadResolved(db, created.thread, { userId: await userId(demo.resolvedBy), resolved: true });
  }
}
