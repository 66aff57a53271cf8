import { json } from "@remix-run/node";
import { checkDatabase } from "~/models/health.server";

export async function loader() {
  const db = await checkDatabase();
  return json({ status: db.ok ? "ok" : "fel", database: db }, { status: db.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
