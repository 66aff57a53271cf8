import { formatNumber } from "~/utils/format";
import { MIN_GROUP_SIZE, type Breakdown } from "~/utils/poll-results";

/**
 * Results per group (county, municipality group) as one table: a row per group,
 * a column per answer. Groups with fewer than 5 respondents were removed on the
 * server; only their number is shown.
 */
export function BreakdownTables({ id, heading, breakdown }: { id: string; heading: string; breakdown: Breakdown }) {
  const labels = breakdown.groups[0]?.rows.map((r) => r.label) ?? [];
  return (
    <div className="poll-breakdown">
      <h3 id={`${id}-rubrik`}>{heading}</h3>
      {breakdown.groups.length ? (
        <div className="table-scroll">
          <table aria-labelledby={`${id}-rubrik`}>
            <thead>
              <tr>
                <th scope="col">Grupp</th>
                <th scope="col" className="num">
                  n
                </th>
                {labels.map((label) => (
                  <th scope="col" className="num" key={label}>
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {breakdown.groups.map((g) => (
                <tr key={g.key}>
                  <th scope="row">{g.label}</th>
                  <td className="num">{formatNumber(g.respondents)}</td>
                  {g.rows.map((r) => (
                    <td className="num" key={r.label}>
                      {formatNumber(r.percent)} %
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Ingen grupp har tillräckligt många svar för att visas.</p>
      )}
      <p className="muted">
        Grupper med färre än {MIN_GROUP_SIZE} svarande visas inte, så att ingen enskild persons svar kan pekas ut.
        {breakdown.suppressedGroups
          ? ` ${breakdown.suppressedGroups} ${breakdown.suppressedGroups === 1 ? "grupp är dold" : "grupper är dolda"} av det skälet.`
          : ""}
        {breakdown.ungrouped ? " Svar utan angiven kommun ingår inte i uppdelningen." : ""}
      </p>
    </div>
  );
}
