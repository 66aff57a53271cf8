import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAccountData } from "~/models/account.server";
import { requireUser } from "~/models/auth.server";

/** The member's own data as a JSON download (GDPR art. 15 and 20). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const data = await exportAccountData(user.id);
  if (!data) throw new Response("Kontot finns inte.", { status: 404 });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="kommunforum-mina-uppgifter-${new Date().toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
