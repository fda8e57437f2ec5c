/** The string fields of a submitted form; files and repeated keys are ignored. */
export async function readForm(request: Request): Promise<{ form: FormData; values: Record<string, string> }> {
  const form = await request.formData();
  const values: Record<string, string> = {};
  for (const [key, value] of form) {
    if (typeof value === "string" && !(key in values)) values[key] = value;
  }
  return { form, values };
}
