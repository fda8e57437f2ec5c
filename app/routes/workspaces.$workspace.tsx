import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { WorkspaceEventsProvider } from "../features/workspace-events/workspace-events";
import { UnreadFollower } from "../features/notifications/unread-follower";
import { useT } from "../i18n/react";
import { requireWorkspace } from "../utils/guards.server";
import { workspaceSection, workspaceSectionPath, workspaceSections } from "../utils/workspace-section";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.workspace.name ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace, district, membership, permissions } = await requireWorkspace(
    request,
    context,
    params.workspace,
    "read",
  );
  return json({
    workspace: { slug: workspace.slug, name: workspace.name, description: workspace.description },
    district: { slug: district.slug, name: district.name },
    membership: { role: membership.role, stakeholderGroup: membership.stakeholderGroup },
    can: permissions,
  });
}

export type WorkspaceLayoutData = typeof loader;

export default function WorkspaceLayout() {
  const { workspace, district, membership } = useLoaderData<typeof loader>();
  const t = useT();
  // Plan pages sit under the overview: its tab stays current there (a NavLink with `end` would mark none).
  const current = workspaceSection(useLocation().pathname, workspace.slug);
  return (
    <div className="page">
      <header className="workspace-header">
        <p className="eyebrow">
          <Link to={`/districts/${district.slug}`}>{district.name}</Link>
        </p>
        <h1>{workspace.name}</h1>
        <p className="muted">
          {t("workspace.yourRole", {
            role: t(`role.${membership.role}`),
            group: t(`group.${membership.stakeholderGroup}`),
          })}
        </p>
      </header>
      <nav aria-label={t("nav.workspaceSections")} className="section-nav">
        {workspaceSections.map((section) => (
          <Link
            key={section}
            to={workspaceSectionPath(workspace.slug, section)}
            className={section === current ? "active" : undefined}
            aria-current={section === current ? "page" : undefined}
          >
            {t(`nav.${section}`)}
          </Link>
        ))}
      </nav>
      {/* One live event stream for every page of the workspace (data versions, discussions). */}
      <WorkspaceEventsProvider workspace={workspace.slug}>
        <UnreadFollower />
        <Outlet />
      </WorkspaceEventsProvider>
    </div>
  );
}
