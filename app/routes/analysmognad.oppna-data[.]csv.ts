import { MATURITY_DATA_LICENSE } from "~/data/maturity";
import { listOpenDataRows } from "~/models/maturity.server";
import { CSV_CONTENT_TYPE } from "~/utils/csv.server";
import { openDataCsv } from "~/utils/maturity-export.server";

/** /analysmognad/oppna-data.csv: aggregate maturity results (groups of at least five), CC0. */
export async function loader() {
  return new Response(openDataCsv(await listOpenDataRows()), {
    headers: {
      "Content-Type": CSV_CONTENT_TYPE,
      "Content-Disposition": 'attachment; filename="analysmognad.csv"',
      "Cache-Control": "public, max-age=300",
      Link: `<${MATURITY_DATA_LICENSE.url}>; rel="license"`,
    },
  });
}
