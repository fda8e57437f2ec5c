import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { IntentMessage } from "../components/intent-message";
import { Field, SelectField } from "../components/ui/field";
import { Avatar } from "../components/ui/avatar";
import { colorFor } from "../domain/presence-colors";
import {
  INVITATION_DEFAULT_DAYS,
  INVITATION_DEFAULT_USES,
  INVITATION_MAX_DAYS,
  INVITATION_MAX_USES,
} from "../domain/invitation-policy";
import { stakeholderGroups, workspaceRoles } from "../domain/roles";
import { planTemplates } from "../domain/plan-templates";
import {
  fieldErrors,
  invitationSchema,
  mailInvitationFormSchema,
  memberUpdateSchema,
  planSchema,
} from "../domain/validation";
import { MAIL_INVITATIONS_PER_DAY, MAX_INVITATION_ADDRESSES, parseAddressList } from "../domain/invitation-addresses";
import { MailInvitations, type MailInviteResult } from "../features/invitations/mail-invitations";
import { listMailInvitations, resendMailInvitation } from "../models/mail-invitations.server";
import { invitationSender, inviteByMail } from "../utils/mail-invitations.server";
import { getLocale } from "../i18n/locale.server";
import { createPlan } from "../models/plans.server";
import { loadWorkspaceHome } from "../models/workspace-home.server";
import { DataSection } from "../features/workspace-home/data-section";
import { PlansSection } from "../features/workspace-home/plans-section";
import { StartHere } from "../features/workspace-home/start-here";
import { WhatsNew } from "../features/workspace-home/whats-new";
import { whatsNewOnVisit } from "../models/whats-new.server";
import { ViewsSection } from "../features/workspace-home/views-section";
import { useLocale, useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";
import {
  createInvitation,
  invitationSummary,
  listActiveInvitations,
  revokeInvitation,
} from "../models/invitations.server";
import { listMembers, updateMembership } from "../models/workspaces.server";
import { readForm } from "../utils/forms.server";
import { rolePermissions } from "../utils/authorize.server";
import { requireWorkspace } from "../utils/guards.server";
import { formatDate } from "../utils/format";
import { invitationUrl } from "../utils/urls.server";
import type { WorkspaceLayoutData } from "./workspaces.$workspace";
import { CopyButton } from "../components/copy-button";
import { isLastOwner, LeaveWorkspace } from "../features/leaving/leave-workspace";
import { mailUnavailable } from "../utils/mail-config.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, workspace, district, membership, permissions } = await requireWorkspace(
    request,
    context,
    params.workspace,
    "read",
  );
  const manage = permissions.manage_members;
  const [members, invitations, mailInvitations, home, whatsNew] = await Promise.all([
    listMembers(context.db, workspace.id),
    manage ? listActiveInvitations(context.db, workspace.id) : Promise.resolve([]),
    manage ? listMailInvitations(context.db, workspace.id) : Promise.resolve([]),
    loadWorkspaceHome(context.db, { workspace, district, membership, userId: auth.user.id }),
    // Counts what is new since the last visit, then records this one.
    whatsNewOnVisit(context.db, membership),
  ]);
  return json({
    me: auth.user.id,
    ...home,
    whatsNew,
    members: members.map((m) => ({
      userId: m.userId,
      name: m.name,
      // Only owners see e-mail addresses; other members see names.
      email: manage ? m.email : null,
      // Owners see who has not confirmed their address (issue 14); others never see addresses.
      emailUnverified: manage && m.emailVerifiedAt === null,
      role: m.role,
      stakeholderGroup: m.stakeholderGroup,
      createsContent: rolePermissions(m.role, workspace).create_content,
    })),
    invitations: invitations.map(invitationSummary),
    mailInvitations,
    mailUnavailable: mailUnavailable(context),
  });
}

type ActionData = MailInviteResult & {
  fields?: Record<string, string>;
  inviteUrl?: string;
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { values } = await readForm(request);
  const intent = values.intent ?? "";
  const fail = (data: Omit<ActionData, "intent">, status = 400) => json<ActionData>({ intent, ...data }, { status });

  if (intent === "create-plan") {
    const { auth, workspace } = await requireWorkspace(request, context, params.workspace, "create_plan");
    const parsed = planSchema.safeParse(values);
    if (!parsed.success) return fail({ fields: fieldErrors(parsed.error) });
    const plan = await createPlan(context.db, {
      workspaceId: workspace.id,
      title: parsed.data.title,
      template: parsed.data.template,
      locale: getLocale(request),
      createdBy: auth.user.id,
    });
    return redirect(`/workspaces/${workspace.slug}/plans/${plan.id}`);
  }

  if (intent === "leave") {
    const { auth, workspace } = await requireWorkspace(request, context, params.workspace, "read");
    const result = await updateMembership(context.db, {
      workspaceId: workspace.id,
      actorId: auth.user.id,
      targetUserId: auth.user.id,
      change: { kind: "remove" },
    });
    if (!result.ok) return fail({ formError: "leave.lastOwner" }, 409);
    context.plans.rightsChanged();
    return redirect("/workspaces");
  }

  const access = await requireWorkspace(request, context, params.workspace, "manage_members");
  const { auth, workspace } = access;
  switch (intent) {
    case "invite-by-mail": {
      if (mailUnavailable(context)) return fail({ formError: "inviteMail.notConfigured" }, 503);
      const submitted = {
        emails: values.emails ?? "",
        role: values.role ?? "",
        stakeholderGroup: values.stakeholderGroup ?? "",
        locale: values.locale ?? "",
      };
      const parsed = mailInvitationFormSchema.safeParse(values);
      if (!parsed.success) {
        // Only a tampered form gets here (the fields are selects); name the first bad one.
        const [first] = Object.values(fieldErrors(parsed.error));
        return fail({ formError: (first ?? "error.unknownAction") as MessageKey, values: submitted });
      }
      const outcome = await inviteByMail(
        context,
        invitationSender(request, context, { user: auth.user, ...access }),
        parseAddressList(parsed.data.emails),
        parsed.data,
      );
      switch (outcome.kind) {
        case "too_many":
          return fail(
            {
              formError: "inviteMail.tooMany",
              vars: { count: outcome.count, max: MAX_INVITATION_ADDRESSES },
              values: submitted,
            },
            422,
          );
        case "invalid":
          return fail({ invalid: outcome.invalid, values: submitted }, 422);
        case "none":
          return fail({ formError: "inviteMail.none", values: submitted }, 422);
        case "unverified":
          return fail({ formError: "inviteMail.unverified", values: submitted }, 403);
        case "daily_cap":
          return fail(
            {
              formError: "inviteMail.dailyCap",
              vars: { max: MAIL_INVITATIONS_PER_DAY, left: outcome.left },
              values: submitted,
            },
            429,
          );
        case "sent":
          return json<ActionData>({
            intent,
            sent: outcome.created.length,
            skippedMembers: outcome.skipped.filter((s) => s.reason === "member").map((s) => s.email),
            skippedPending: outcome.skipped.filter((s) => s.reason === "pending").map((s) => s.email),
          });
      }
      break;
    }
    case "resend-invitation": {
      if (mailUnavailable(context)) return fail({ formError: "inviteMail.notConfigured" }, 503);
      const result = await resendMailInvitation(
        context.db,
        invitationSender(request, context, { user: auth.user, ...access }),
        values.invitationId ?? "",
      );
      if (result.ok) return json<ActionData>({ intent, success: "inviteMail.resent", vars: { email: result.email } });
      if (result.reason === "unverified") return fail({ formError: "inviteMail.unverified" }, 403);
      if (result.reason === "daily_cap")
        return fail({ formError: "inviteMail.dailyCap", vars: { max: MAIL_INVITATIONS_PER_DAY, left: 0 } }, 429);
      return fail({ formError: result.reason === "not_found" ? "invite.notFound" : "inviteMail.cannotChange" }, 409);
    }
    case "revoke-mail-invitation": {
      const ok = await revokeInvitation(context.db, workspace.id, values.invitationId ?? "", auth.user.id);
      return ok
        ? json<ActionData>({ intent, success: "invite.revoked" })
        : fail({ formError: "inviteMail.cannotChange" }, 409);
    }
    case "create-invitation": {
      const parsed = invitationSchema.safeParse(values);
      if (!parsed.success) return fail({ fields: fieldErrors(parsed.error) });
      const { token } = await createInvitation(context.db, {
        workspaceId: workspace.id,
        createdBy: auth.user.id,
        ...parsed.data,
      });
      return json<ActionData>({ intent, inviteUrl: invitationUrl(request, context, token), success: "invite.created" });
    }
    case "revoke-invitation": {
      const ok = await revokeInvitation(context.db, workspace.id, values.invitationId ?? "", auth.user.id);
      return ok ? json<ActionData>({ intent, success: "invite.revoked" }) : fail({ formError: "invite.notFound" }, 404);
    }
    case "update-member": {
      const parsed = memberUpdateSchema.safeParse(values);
      if (!parsed.success) return fail({ fields: fieldErrors(parsed.error) });
      const result = await updateMembership(context.db, {
        workspaceId: workspace.id,
        actorId: auth.user.id,
        targetUserId: parsed.data.userId,
        change: { kind: "update", role: parsed.data.role, stakeholderGroup: parsed.data.stakeholderGroup },
      });
      if (!result.ok)
        return fail({ formError: result.reason === "last_owner" ? "members.lastOwner" : "members.notFound" }, 409);
      context.plans.rightsChanged();
      return json<ActionData>({ intent, success: "members.updated" });
    }
    case "remove-member": {
      const result = await updateMembership(context.db, {
        workspaceId: workspace.id,
        actorId: auth.user.id,
        targetUserId: values.userId ?? "",
        change: { kind: "remove" },
      });
      if (!result.ok)
        return fail({ formError: result.reason === "last_owner" ? "members.lastOwner" : "members.notFound" }, 409);
      context.plans.rightsChanged();
      return json<ActionData>({ intent, success: "members.removed" });
    }
    default:
      return fail({ formError: "error.unknownAction" });
  }
}

export default function WorkspaceHome() {
  const {
    me,
    members,
    invitations,
    mailInvitations,
    mailUnavailable,
    plans,
    archivedPlans,
    data: districtData,
    views,
    canManageData,
    whatsNew,
  } = useLoaderData<typeof loader>();
  const layout = useRouteLoaderData<WorkspaceLayoutData>("routes/workspaces.$workspace")!;
  const data = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const locale = useLocale();
  const manage = layout.can.manage_members;
  const roleOptions = workspaceRoles.map((r) => ({ value: r, label: t(`role.${r}`) }));
  const groupOptions = stakeholderGroups.map((g) => ({ value: g, label: t(`group.${g}`) }));
  const err = (name: string) =>
    data?.intent === "create-invitation" && data.fields?.[name] ? t(data.fields[name] as MessageKey) : null;
  // Named in empty states, for members who may not create plans or views themselves.
  const creators = members.filter((m) => m.createsContent).map((m) => m.name);

  return (
    <>
      {layout.workspace.description ? <p className="lead">{layout.workspace.description}</p> : null}

      {/* A reader's first step comes first; what changed since the last visit follows it. */}
      {layout.can.create_content ? null : (
        <StartHere district={layout.district.name} plans={plans} hasData={districtData !== null} />
      )}

      <WhatsNew {...whatsNew} />

      <PlansSection
        plans={plans}
        archivedPlans={archivedPlans}
        canCreate={layout.can.create_content}
        creators={creators}
        createForm={
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="create-plan" />
            <h3>{t("plans.create")}</h3>
            <Field
              label={t("plan.title")}
              name="title"
              required
              error={data?.intent === "create-plan" && data.fields?.title ? t(data.fields.title as MessageKey) : null}
            />
            <SelectField
              label={t("plans.template")}
              name="template"
              defaultValue="equity_action_plan"
              options={planTemplates.map((k) => ({ value: k, label: t(`planTemplate.${k}`) }))}
            />
            <button type="submit" className="button">
              {t("plans.create")}
            </button>
          </Form>
        }
      />

      <DataSection data={districtData} canManageData={canManageData} districtSlug={layout.district.slug} />

      <ViewsSection views={views} canCreate={layout.can.create_content} creators={creators} />

      <section aria-labelledby="members-heading" className="card">
        <h2 id="members-heading">{t("members.heading", { count: members.length })}</h2>
        <IntentMessage result={data} intents={["update-member", "remove-member", "leave"]} />
        <ul className="member-list">
          {members.map((m) => (
            <li key={m.userId} className="member">
              <div>
                <span className="member__name">
                  <Avatar name={m.name} color={colorFor(m.userId)} decorative />
                  <strong>{m.name}</strong>
                </span>
                {m.userId === me ? <span className="muted"> ({t("members.you")})</span> : null}
                {m.email ? (
                  <div className="muted address">
                    {m.email}
                    {m.emailUnverified ? ` · ${t("members.notVerified")}` : null}
                  </div>
                ) : null}
                <div className="muted">
                  {t(`role.${m.role}`)} · {t(`group.${m.stakeholderGroup}`)}
                </div>
              </div>
              {manage ? (
                <details className="member__manage">
                  <summary>{t("members.manage", { name: m.name })}</summary>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="update-member" />
                    <input type="hidden" name="userId" value={m.userId} />
                    <SelectField label={t("field.role")} name="role" options={roleOptions} defaultValue={m.role} />
                    <SelectField
                      label={t("field.stakeholderGroup")}
                      name="stakeholderGroup"
                      options={groupOptions}
                      defaultValue={m.stakeholderGroup}
                    />
                    <button type="submit" className="button button--secondary">
                      {t("action.save")}
                    </button>
                  </Form>
                  {m.userId !== me ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-member" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <button type="submit" className="button button--danger">
                        {t("members.remove", { name: m.name })}
                      </button>
                    </Form>
                  ) : null}
                </details>
              ) : null}
            </li>
          ))}
        </ul>
        <LeaveWorkspace workspace={layout.workspace.name} lastOwner={isLastOwner(members, me)} />
      </section>

      {manage ? (
        <section aria-labelledby="invite-heading" className="card">
          <h2 id="invite-heading">{t("invite.heading")}</h2>
          <p className="muted">{t("invite.help")}</p>
          <IntentMessage result={data} intents={["create-invitation", "revoke-invitation"]} />
          {data?.inviteUrl ? (
            <div className="new-token">
              <label htmlFor="invite-url">{t("invite.linkLabel")}</label>
              <input id="invite-url" readOnly value={data.inviteUrl} className="mono" />
              <CopyButton value={data.inviteUrl} fieldId="invite-url" label={t("copy.link")} />
            </div>
          ) : null}
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="create-invitation" />
            <div className="grid-2">
              <SelectField
                label={t("field.role")}
                name="role"
                options={roleOptions}
                defaultValue="commenter"
                error={err("role")}
              />
              <SelectField
                label={t("field.stakeholderGroup")}
                name="stakeholderGroup"
                options={groupOptions}
                defaultValue="family"
                error={err("stakeholderGroup")}
              />
              <Field
                label={t("invite.expiresInDays")}
                name="expiresInDays"
                type="number"
                min={1}
                max={INVITATION_MAX_DAYS}
                defaultValue={INVITATION_DEFAULT_DAYS}
                error={err("expiresInDays")}
              />
              <Field
                label={t("invite.maxUses")}
                name="maxUses"
                type="number"
                min={1}
                max={INVITATION_MAX_USES}
                defaultValue={INVITATION_DEFAULT_USES}
                error={err("maxUses")}
              />
            </div>
            <button type="submit" className="button">
              {t("invite.create")}
            </button>
          </Form>
          {invitations.length ? (
            <>
              <h3>{t("invite.active")}</h3>
              <ul className="list">
                {invitations.map((i) => (
                  <li key={i.id}>
                    <span>
                      {t(`role.${i.role}`)} · {t(`group.${i.stakeholderGroup}`)}
                    </span>
                    <span className="muted">
                      {t("invite.usage", { uses: i.uses, max: i.maxUses, date: formatDate(i.expiresAt, locale) })}
                    </span>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke-invitation" />
                      <input type="hidden" name="invitationId" value={i.id} />
                      <button type="submit" className="button button--quiet">
                        {t("action.revoke")}
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      {manage ? (
        <MailInvitations
          invitations={mailInvitations}
          mailUnavailable={mailUnavailable}
          result={data}
          roleOptions={roleOptions}
          groupOptions={groupOptions}
        />
      ) : null}
    </>
  );
}
