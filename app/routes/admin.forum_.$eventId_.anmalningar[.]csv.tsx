import type { LoaderFunctionArgs } from "@remix-run/node";
import { EXPORT_COLUMNS, exportRegistrations, getEventForOrganizer } from "~/models/registration-admin.server";
import { requireRole } from "~/models/auth.server";
import { CSV_CONTENT_TYPE, excelCsv } from "~/utils/csv.server";
import { requireParam } from "~/utils/http.server";

/** The registrations as CSV for Swedish Excel. The export is written to the audit log. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "organizer");
  const event = await getEventForOrganizer(requireParam(params, "eventId", "cuid", "Forumet finns inte"));
  if (!event) throw new Response("Forumet finns inte", { status: 404 });
  const rows = await exportRegistrations(event.id, user.id);
  return new Response(excelCsv(EXPORT_COLUMNS, rows), {
    headers: {
      "Content-Type": CSV_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="anmalningar-${event.slug}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
