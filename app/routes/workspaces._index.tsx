import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/react";
import { listUserWorkspaces } from "../models/workspaces.server";
import { requireUser } from "../utils/guards.server";
import { pageTitle } from "../utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "workspaces.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, context);
  const items = await listUserWorkspaces(context.db, user.id);
  return json({
    name: user.name,
    workspaces: items.map((w) => ({
      slug: w.workspace.slug,
      name: w.workspace.name,
      description: w.workspace.description,
      district: w.district.name,
      role: w.role!,
      stakeholderGroup: w.stakeholderGroup!,
    })),
  });
}

export default function Workspaces() {
  const { name, workspaces } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="page">
      <h1>{t("workspaces.heading")}</h1>
      <p className="lead">{t("workspaces.welcome", { name })}</p>
      {workspaces.length ? (
        <ul className="card-list">
          {workspaces.map((w) => (
            <li key={w.slug} className="card">
              <p className="eyebrow">{w.district}</p>
              <h2>
                <Link to={`/workspaces/${w.slug}`}>{w.name}</Link>
              </h2>
              {w.description ? <p>{w.description}</p> : null}
              <p className="muted">
                {t(`role.${w.role}`)} · {t(`group.${w.stakeholderGroup}`)}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <div className="card">
          <p>{t("workspaces.none")}</p>
          <p>
            <Link to="/districts">{t("workspaces.startDistrict")}</Link>
          </p>
        </div>
      )}
    </div>
  );
}
