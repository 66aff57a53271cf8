import { MATURITY_DATA_LICENSE } from "~/data/maturity";
import { listOpenDataRows } from "~/models/maturity.server";
import { openDataJson } from "~/utils/maturity-export.server";

/** /analysmognad/oppna-data.json: aggregate maturity results (groups of at least five), CC0. */
export async function loader() {
  const body = openDataJson(await listOpenDataRows(), new Date());
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      Link: `<${MATURITY_DATA_LICENSE.url}>; rel="license"`,
    },
  });
}
