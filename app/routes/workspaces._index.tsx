import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { HowToJoin } from "../components/how-to-join";
import { useT } from "../i18n/react";
import { listUserDistricts } from "../models/districts.server";
import { listUserWorkspaces } from "../models/workspaces.server";
import { instancePermissions } from "../utils/access.server";
import { requireUser } from "../utils/guards.server";
import { appOrigin } from "../utils/urls.server";
import { pageTitle } from "../utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "workspaces.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, context);
  const items = await listUserWorkspaces(context.db, user.id);
  // A newcomer learns how people join; only they need the rest.
  const newcomer = items.length
    ? null
    : {
        origin: appOrigin(request, context),
        districts: (await listUserDistricts(context.db, user.id)).map((d) => ({
          slug: d.district.slug,
          name: d.district.name,
        })),
        canCreateDistrict: instancePermissions(context, user).createDistrict,
      };
  return json({
    name: user.name,
    newcomer,
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
  const { name, workspaces, newcomer } = useLoaderData<typeof loader>();
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
        <>
          <p>{t("workspaces.none")}</p>
          {newcomer ? <HowToJoin {...newcomer} /> : null}
        </>
      )}
    </div>
  );
}
