// The sign-in and sign-up pages parse their forms only in actions. Importing the schemas
// through this server-only module keeps zod (about 90 KB gzip) out of the JavaScript a
// signed-out visitor downloads: domain/validation.ts builds its schemas at load time, which
// the bundler must keep as a possible side effect even when no browser code uses them.
export {
  fieldErrors,
  forgotPasswordSchema,
  loginSchema,
  resetPasswordSchema,
  signupSchema,
} from "../domain/validation";
