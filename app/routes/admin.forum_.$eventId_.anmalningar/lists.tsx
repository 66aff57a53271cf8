import type { SerializeFrom } from "@remix-run/node";
import type { loader } from "./route";

/** The registrations page's count of people per county and municipality. */

type LoaderData = SerializeFrom<typeof loader>;

export function Distribution({ counts }: { counts: LoaderData["counts"] }) {
  return (
    <section className="section" aria-labelledby="fordelning">
      <h2 id="fordelning">Anmälda per län och kommun</h2>
      <CountTable caption="Per län (med plats och på väntelistan)" heading="Län" rows={counts.byCounty} />
      <CountTable caption="Per kommun (med plats och på väntelistan)" heading="Kommun" rows={counts.byMunicipality} />
    </section>
  );
}

function CountTable({ caption, heading, rows }: { caption: string; heading: string; rows: { name: string; count: number }[] }) {
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col">Antal</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.name}>
              <td>{c.name}</td>
              <td>{c.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
