/**
 * Reads a posted form. A body that is not a form (wrong content type, broken
 * multipart, nothing at all) is the sender's fault: answer 400, never 500.
 * Every action reads its form through this instead of request.formData().
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("Formuläret kunde inte läsas. Ladda om sidan och skicka igen.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}
