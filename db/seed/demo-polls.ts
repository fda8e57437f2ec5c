import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { ballots, workspaces, type StoredChoice } from "../schema";
import { createPoll, movePoll } from "../../app/models/polls.server";
import type { School } from "../../app/domain/district-data/types";

/**
 * The family workspace's budget votes: one open, for families to vote on at their first
 * visit, and last year's, closed with its results published (its ballots were entered from
 * paper forms collected at family nights, so they name no account).
 */
export async function seedDemoPolls(db: Database, createdBy: string, schools: readonly School[]): Promise<void> {
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.slug, "family-budget-priorities"));
  if (!workspace) return;

  const open = await createPoll(db, {
    workspaceId: workspace.id,
    createdBy,
    title: "2027–28: where should $1.5 million for students go? · ¿A dónde deben ir 1,5 millones para los estudiantes?",
    description:
      "Choose the investments you would fund, up to the budget. The district funds the result by the Method of Equal Shares. · Elija las inversiones que financiaría, hasta el presupuesto. El distrito financia el resultado con el Método de Partes Iguales.",
    budget: "1500000",
    ballot: { type: "budget" },
    results: "after_publication",
    eligibleRoles: null,
    eligibleGroups: null,
    opensAt: null,
    closesAt: null,
    options: [
      {
        title: "Reading tutors in grades 2–3 · Tutores de lectura en 2.º y 3.º",
        description:
          "Tutors three times a week at the four elementary schools with the most poverty. · Tutores tres veces por semana en las cuatro primarias con más pobreza.",
        cost: "480000",
        dimension: "instructional_time",
        schools: ["RUSD-018", "RUSD-021", "RUSD-001", "RUSD-022"],
      },
      {
        title: "Algebra 1 in every middle school · Álgebra 1 en todas las secundarias",
        description:
          "A teacher and materials so eighth graders can take Algebra 1 at their own school. · Un docente y materiales para que el alumnado de 8.º curse Álgebra 1 en su escuela.",
        cost: "360000",
        dimension: "rigorous_content",
        schools: ["RUSD-030", "RUSD-031", "RUSD-035"],
      },
      {
        title: "Counselors at the highest-poverty schools · Orientadores en las escuelas con más pobreza",
        description:
          "Three counselors, so each of these schools has one for every 250 students. · Tres orientadores, para que cada una de estas escuelas tenga uno por cada 250 estudiantes.",
        cost: "420000",
        dimension: "student_supports",
        schools: ["RUSD-030", "RUSD-031", "RUSD-037"],
      },
      {
        title: "Attendance outreach to families · Acompañamiento a familias por la asistencia",
        description:
          "Family liaisons who call and visit when a student starts missing school. · Enlaces con las familias que llaman y visitan cuando un estudiante empieza a faltar.",
        cost: "240000",
        dimension: "school_climate",
        schools: ["RUSD-018", "RUSD-021", "RUSD-030", "RUSD-037"],
      },
      {
        title: "Pre-K classrooms in Cedar Flats · Aulas de prekínder en Cedar Flats",
        description: "Two full-day pre-K classrooms. · Dos aulas de prekínder de jornada completa.",
        cost: "390000",
        dimension: "early_learning",
        schools: ["RUSD-001", "RUSD-004"],
      },
      {
        title: "Retention pay for experienced teachers · Incentivos para retener a docentes con experiencia",
        description:
          "A yearly stipend for experienced teachers who stay at the highest-poverty schools. · Un estipendio anual para docentes con experiencia que se quedan en las escuelas con más pobreza.",
        cost: "450000",
        dimension: "teaching_quality",
        schools: ["RUSD-018", "RUSD-021", "RUSD-030", "RUSD-031", "RUSD-037"],
      },
      {
        title: "Air conditioning at Marsh Hawk Middle · Aire acondicionado en Marsh Hawk Middle",
        description: "Classrooms above 85 °F in May and September. · Aulas a más de 29 °C en mayo y septiembre.",
        cost: "300000",
        dimension: "facilities",
        schools: ["RUSD-030"],
      },
      {
        title: "After-school programs · Programas después de clases",
        description:
          "Homework help and activities until 6 p.m. at six schools. · Ayuda con las tareas y actividades hasta las 6 p. m. en seis escuelas.",
        cost: "270000",
        dimension: "instructional_time",
        schools: ["RUSD-018", "RUSD-021", "RUSD-001", "RUSD-022", "RUSD-035", "RUSD-019"],
      },
      {
        title: "Interpreters for family meetings · Intérpretes para las reuniones con familias",
        description:
          "Spanish and Vietnamese interpreters at every parent conference and board meeting. · Intérpretes de español y vietnamita en cada reunión de padres y de la junta.",
        cost: "90000",
        dimension: "school_climate",
        schools: [],
      },
    ],
  });
  await movePoll(db, open.id, "open");

  const last = await createPoll(db, {
    workspaceId: workspace.id,
    createdBy,
    title: "2026–27 summer programs (results) · Programas de verano 2026–27 (resultados)",
    description:
      "Last year's vote, from paper ballots collected at family nights. · La votación del año pasado, con papeletas en papel recogidas en las noches de familias.",
    budget: "200000",
    ballot: { type: "budget" },
    results: "after_publication",
    eligibleRoles: null,
    eligibleGroups: null,
    opensAt: null,
    closesAt: null,
    options: [
      { title: "Summer reading camp · Campamento de lectura", description: "", cost: "90000", schools: [] },
      { title: "Math bridge to middle school · Puente de matemáticas", description: "", cost: "70000", schools: [] },
      { title: "Free summer meals · Comidas de verano gratis", description: "", cost: "40000", schools: [] },
      { title: "Swimming lessons · Clases de natación", description: "", cost: "30000", schools: [] },
      { title: "Robotics club · Club de robótica", description: "", cost: "60000", schools: [] },
      { title: "Arts week · Semana de las artes", description: "", cost: "25000", schools: [] },
    ],
  });
  await movePoll(db, last.id, "open");
  await db.insert(ballots).values(generatedBallots(last.id, last.options, schools));
  await movePoll(db, last.id, "closed");
  await movePoll(db, last.id, "published");
}

/**
 * 160 budget ballots that fit the budget, the same on every seed (a fixed pseudo-random
 * sequence). Two in three name the voter's school, drawn so that families at low-poverty
 * schools answer more often: the results' "whose voices" figures have a gap to show.
 */
function generatedBallots(pollId: string, options: { code: string; cost: string }[], schools: readonly School[]) {
  let seed = 20260601;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  // How much families liked each option, roughly: reading and meals most.
  const appeal = [0.7, 0.45, 0.75, 0.35, 0.3, 0.25];
  const weights = schools.map((s) => 150 - s.pctLowIncome);
  const sum = weights.reduce((a, b) => a + b, 0);
  const school = () => {
    let r = next() * sum;
    return schools.find((_, k) => (r -= weights[k]!) <= 0)?.schoolId ?? null;
  };
  return Array.from({ length: 160 }, (_, i) => {
    const choices: StoredChoice[] = [];
    let left = 200000;
    options.forEach((o, k) => {
      const cost = Number(o.cost);
      if (next() < appeal[k]! && cost <= left) {
        choices.push({ code: o.code });
        left -= cost;
      }
    });
    return {
      pollId,
      voterId: null,
      choices,
      receipt: receipt(next),
      schoolId: i % 3 === 2 ? null : school(),
      stakeholderGroup: (i % 5 === 4 ? "student" : "family") as "student" | "family",
      paper: true,
    };
  });
}

function receipt(next: () => number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const code = Array.from({ length: 10 }, () => alphabet[Math.floor(next() * 32)]).join("");
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
