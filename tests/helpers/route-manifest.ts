import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";

const root = path.resolve(import.meta.dirname, "../..");

export type ManifestRoute = {
  id: string;
  /** The full URL pattern, e.g. "/api/v1/plans/:plan/versions/:version/restore". */
  pattern: string;
  params: string[];
  index: boolean;
  hasLoader: boolean;
  hasAction: boolean;
  /** A page (it renders a component) rather than a resource route. */
  isPage: boolean;
};

/** Every route of the production build (`npm run build` first), with its full pattern. */
export async function manifestRoutes(): Promise<ManifestRoute[]> {
  const build = (await import(pathToFileURL(path.join(root, "build/index.js")).href)) as ServerBuild;
  const fullPath = (id: string | undefined): string => {
    const route = id ? build.routes[id] : undefined;
    if (!route) return "";
    const parent = fullPath(route.parentId);
    return route.path ? `${parent}/${route.path}` : parent;
  };
  return Object.values(build.routes)
    .filter((r) => r.id !== "root")
    .map((r) => {
      const pattern = fullPath(r.id).replace(/\/+/g, "/") || "/";
      return {
        id: r.id,
        pattern,
        params: [...pattern.matchAll(/:(\w+)\??|\*/g)].map((m) => m[1] ?? "*"),
        index: Boolean(r.index),
        hasLoader: typeof r.module.loader === "function",
        hasAction: typeof r.module.action === "function",
        isPage: typeof r.module.default === "function",
      };
    });
}

/** A route's URL with every parameter filled from `values`; throws naming a parameter it cannot fill. */
export function fillRoute(route: ManifestRoute, values: Record<string, string>): string {
  const filled = route.pattern.replace(/:(\w+)\??|\*/g, (_, name: string | undefined) => {
    const value = values[name ?? "*"];
    if (value === undefined) throw new Error(`route ${route.id}: no value for parameter "${name ?? "*"}"`);
    return encodeURIComponent(value);
  });
  // An index route shares its URL with its layout; ?index addresses the index itself.
  return route.index ? `${filled}?index` : filled;
}
