/**
 * A small HTTP client that behaves like a browser for our purposes: it keeps
 * cookies, sends the app's Origin on state-changing requests and does not
 * follow redirects (tests assert them).
 */
export class TestClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(
    method: string,
    path: string,
    init: { body?: BodyInit; headers?: Record<string, string>; origin?: string | null } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size && !("Cookie" in headers)) headers.Cookie = this.cookieHeader();
    if (method !== "GET" && method !== "HEAD") {
      const origin = init.origin === undefined ? this.baseUrl : init.origin;
      if (origin !== null) headers.Origin = origin;
    }
    const res = await fetch(this.baseUrl + path, { method, body: init.body, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim())) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request("GET", path, { headers });
  }

  /** Submits a form the way a browser without JavaScript would. */
  /** Posts a form; pairs allow a name more than once (checkboxes, repeated selects). */
  postForm(path: string, fields: Record<string, string> | [string, string][], init: { origin?: string | null } = {}) {
    return this.request("POST", path, {
      body: new URLSearchParams(fields).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      origin: init.origin,
    });
  }

  /** Calls the JSON API with the session cookie, or with a bearer token when given. */
  api(method: string, path: string, body?: unknown, init: { token?: string; origin?: string | null } = {}) {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (init.token) {
      headers.Authorization = `Bearer ${init.token}`;
      headers.Cookie = "";
    }
    return this.request(method, `/api/v1${path}`, {
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      headers,
      origin: init.origin,
    });
  }

  async signup(name: string, email: string, password = "correct horse battery") {
    const res = await this.postForm("/signup", { name, email, password });
    if (res.status !== 302) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
    return res;
  }

  async login(email: string, password = "correct horse battery") {
    const res = await this.postForm("/login", { email, password });
    if (res.status !== 302) throw new Error(`sign-in failed: ${res.status}`);
    return res;
  }
}

let counter = 0;
/** A unique e-mail address for this test run. */
export function uniqueEmail(label = "user"): string {
  counter++;
  return `${label}.${Date.now().toString(36)}.${counter}@example.test`;
}
