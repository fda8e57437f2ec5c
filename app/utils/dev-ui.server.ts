/**
 * Whether /dev/ui (the interface kit's examples) is served: in development, and in a production
 * build only with DEV_UI=1 (the browser tests run the production build and set it).
 */
export function devUiEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === "development" || env.DEV_UI === "1";
}

/**
 * Whether /dev/mail lists the outbox: everywhere but production (where it would show other
 * people's reset links), and in a production build with DEV_UI=1 for the browser tests.
 */
export function devMailEnabled(isProduction: boolean, env: Record<string, string | undefined> = process.env): boolean {
  return !isProduction || env.DEV_UI === "1";
}
