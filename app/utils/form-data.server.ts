/**
 * Reads a posted form. A body that is not a form (wrong content type, broken
 * multipart, nothing at all) is the sender's fault: answer 400, never 500.
 * Every action reads its form through this instead of request.formData().
 */
export async function readFormData(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw plainBadRequest("Formuläret kunde inte läsas. Ladda om sidan och skicka igen.");
  }
  if (hasNulCharacter(form)) throw plainBadRequest(NUL_MESSAGE);
  return form;
}

export const NUL_MESSAGE = "Formuläret innehåller ett otillåtet tecken (NUL). Ta bort det och skicka igen.";

/**
 * A NUL character never belongs in typed text, and PostgreSQL cannot store one
 * in a text column: refuse the form rather than fail later with a 500.
 */
export function hasNulCharacter(form: FormData): boolean {
  for (const [, value] of form) if (typeof value === "string" && value.includes("\0")) return true;
  return false;
}

const plainBadRequest = (message: string) => new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
