import type { SerializeFrom } from "@remix-run/node";
import type { loader } from "./route";

/** The registrations page's count of people per county and municipality. */

type LoaderData = SerializeFrom<typeof loader>;

export function Distribution({ counts }: { counts: LoaderData["counts"] }) {
  return (
    <section className="section" aria-labelledby="fordelning">
      <h2 id="fordelning">Anmälda per län och kommun</h2>
      <div className="table-scroll">
        <table>
          <caption>Per län (med plats och på väntelistan)</caption>
          <thead>
            <tr>
              <th scope="col">Län</th>
              <th scope="col">Antal</th>
            </tr>
          </thead>
          <tbody>
            {counts.byCounty.map((c) => (
              <tr key={c.name}>
                <td>{c.name}</td>
                <td>{c.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-scroll">
        <table>
          <caption>Per kommun (med plats och på väntelistan)</caption>
          <thead>
            <tr>
              <th scope="col">Kommun</th>
              <th scope="col">Antal</th>
            </tr>
          </thead>
          <tbody>
            {counts.byMunicipality.map((c) => (
              <tr key={c.name}>
                <td>{c.name}</td>
                <td>{c.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
