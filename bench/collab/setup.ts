// Creates the bench's users, workspace and plans on our server through its public HTTP surface:
// sign-up form → personal API token (Account page form) → JSON API (docs/api.md).

const PASSWORD = "bench-password-not-secret";

/** One signed-up user: its session cookie (for the Account form) and a personal API token. */
type BenchUser = { email: string; token: string };

async function expectStatus(res: Response, status: number, what: string): Promise<Response> {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return res;
}

async function signUpWithToken(baseUrl: string, label: string, address?: string): Promise<BenchUser> {
  const email = `${label}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 6)}@bench.example`;
  const form = (fields: Record<string, string>, cookie?: string) => ({
    method: "POST",
    redirect: "manual" as const,
    body: new URLSearchParams(fields).toString(),
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: baseUrl,
      ...(cookie ? { Cookie: cookie } : {}),
      // The server trusts loopback proxies: each member signs up from an address of its own,
      // as people do, instead of running into the sign-up limit per address.
      ...(address ? { "X-Forwarded-For": address } : {}),
    },
  });
  const signup = await expectStatus(
    await fetch(`${baseUrl}/signup`, form({ name: `Bench ${label}`, email, password: PASSWORD })),
    302,
    `sign-up of ${label}`,
  );
  const cookie = signup.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .join("; ");
  const account = await expectStatus(
    await fetch(`${baseUrl}/account`, form({ intent: "create-token", name: "collab bench" }, cookie)),
    200,
    `API token of ${label}`,
  );
  const token = /value="(rqt_[a-z2-7]{32})"/.exec(await account.text())?.[1];
  if (!token) throw new Error(`no API token on the Account page for ${label}`);
  return { email, token };
}

async function api<T>(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body: unknown,
  status: number,
): Promise<T> {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await expectStatus(res, status, `${method} ${path}`);
  return (await res.json()) as T;
}

/**
 * A district admin who owns one workspace, `users - 1` editors who joined it by invitation,
 * and `plans` plans in it. Returns every user's API token (owner first) and the plan ids.
 */
export async function setUpWorkspace(
  baseUrl: string,
  options: { users: number; plans: number; spreadAddresses?: boolean },
): Promise<{ tokens: string[]; planIds: string[]; workspace: string }> {
  const owner = await signUpWithToken(baseUrl, "owner");
  const district = await api<{ slug: string }>(
    baseUrl,
    owner.token,
    "POST",
    "/districts",
    { name: "Bench district" },
    201,
  );
  const workspace = await api<{ slug: string }>(
    baseUrl,
    owner.token,
    "POST",
    `/districts/${district.slug}/workspaces`,
    { name: "Collaboration bench" },
    201,
  );
  const invitation = await api<{ url: string }>(
    baseUrl,
    owner.token,
    "POST",
    `/workspaces/${workspace.slug}/invitations`,
    { role: "editor", stakeholderGroup: "district_staff", maxUses: Math.max(1, options.users - 1) },
    201,
  );
  const inviteToken = invitation.url.slice(invitation.url.lastIndexOf("/") + 1);
  const tokens = [owner.token];
  for (let i = 1; i < options.users; i++) {
    const address = options.spreadAddresses ? `10.77.${i >> 8}.${i & 255}` : undefined;
    const editor = await signUpWithToken(baseUrl, `editor${i}`, address);
    await api(baseUrl, editor.token, "POST", `/invitations/${inviteToken}/accept`, undefined, 200);
    tokens.push(editor.token);
  }
  const planIds: string[] = [];
  for (let i = 0; i < options.plans; i++) {
    const plan = await api<{ id: string }>(
      baseUrl,
      owner.token,
      "POST",
      `/workspaces/${workspace.slug}/plans`,
      { title: `Bench plan ${i + 1}` },
      201,
    );
    planIds.push(plan.id);
  }
  return { tokens, planIds, workspace: workspace.slug };
}
