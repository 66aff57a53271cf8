import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { DateTime } from "~/components/date-time";
import { SubmitButton } from "~/components/forms";
import type { AdminRegistrationRow } from "~/models/registration-admin.server";
import type { loader } from "./route";

/** The registrations page's tables: those with a seat, the waitlist, the unconfirmed, and the count per county and municipality. */

type LoaderData = SerializeFrom<typeof loader>;

type Row = Pick<SerializeFrom<AdminRegistrationRow>, "name" | "email" | "title" | "organisationName" | "municipality">;

function Who({ r }: { r: Row }) {
  return (
    <>
      <td>{r.name}</td>
      <td>{r.email}</td>
      <td>{r.municipality ? `${r.municipality.name}, ${r.municipality.county.name}` : r.organisationName}</td>
      <td>{r.title}</td>
    </>
  );
}

function RowButton({ intent, id, label }: { intent: string; id: string; label: string }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="registrationId" value={id} />
      <SubmitButton name="intent" value={intent} secondary pendingText="Sparar…">
        {label}
      </SubmitButton>
    </Form>
  );
}


export function RegistrationLists({ lists, started }: { lists: LoaderData["lists"]; started: boolean }) {
  return (
    <>
      <section className="section" aria-labelledby="med-plats">
        <h2 id="med-plats">Med plats ({lists.confirmed.length})</h2>
        {lists.confirmed.length ? (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Namn</th>
                  <th scope="col">E-post</th>
                  <th scope="col">Kommun eller organisation</th>
                  <th scope="col">Befattning</th>
                  <th scope="col">Närvaro</th>
                  <th scope="col">Åtgärd</th>
                </tr>
              </thead>
              <tbody>
                {lists.confirmed.map((r) => (
                  <tr key={r.id}>
                    <Who r={r} />
                    <td>
                      {started ? (
                        r.attendedAt ? (
                          <>
                            Närvarade <RowButton intent="absent" id={r.id} label={`Ta bort närvaro för ${r.name}`} />
                          </>
                        ) : (
                          <RowButton intent="attended" id={r.id} label={`Markera ${r.name} som närvarande`} />
                        )
                      ) : (
                        "Efter start"
                      )}
                    </td>
                    <td>{started ? null : <RowButton intent="cancel" id={r.id} label={`Avanmäl ${r.name}`} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Ingen har en plats ännu.</p>
        )}
      </section>

      <section className="section" aria-labelledby="vantelista">
        <h2 id="vantelista">Väntelista ({lists.waitlist.length})</h2>
        {lists.waitlist.length ? (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Namn</th>
                  <th scope="col">E-post</th>
                  <th scope="col">Kommun eller organisation</th>
                  <th scope="col">Befattning</th>
                  <th scope="col">Anmäld</th>
                  <th scope="col">Åtgärd</th>
                </tr>
              </thead>
              <tbody>
                {lists.waitlist.map((r) => (
                  <tr key={r.id}>
                    <Who r={r} />
                    <td>
                      <DateTime value={r.createdAt} format="short" />
                    </td>
                    <td>
                      <RowButton intent="promote" id={r.id} label={`Ge ${r.name} en plats`} />
                      <RowButton intent="cancel" id={r.id} label={`Ta bort ${r.name}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Ingen står på väntelistan.</p>
        )}
      </section>

      {lists.pending.length ? (
        <section className="section" aria-labelledby="ej-bekraftade">
          <h2 id="ej-bekraftade">Ej bekräftade ({lists.pending.length})</h2>
          <p>De har inte följt länken i sitt mejl än. De har ingen plats och står inte i kön; obekräftade anmälningar tas bort efter ett dygn.</p>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Namn</th>
                  <th scope="col">E-post</th>
                  <th scope="col">Kommun eller organisation</th>
                  <th scope="col">Befattning</th>
                  <th scope="col">Anmäld</th>
                </tr>
              </thead>
              <tbody>
                {lists.pending.map((r) => (
                  <tr key={r.id}>
                    <Who r={r} />
                    <td>
                      <DateTime value={r.createdAt} format="short" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}

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
