import { formatDate, formatNumber, formatShortDate } from "~/utils/format";
import { trendTable, type ResultRow, type TrendPoint } from "~/utils/poll-results";

/**
 * Poll results as a horizontal bar chart drawn on the server (SVG), with the
 * same numbers in a table right below it. Screen readers get the table; the SVG
 * has a short name that points to it.
 */
export function PollChart({
  id,
  title,
  rows,
  respondents,
  multipleChoice,
  size = "normal",
  caption,
}: {
  id: string;
  title: string;
  rows: ResultRow[];
  /** null: imported figures without a count. */
  respondents: number | null;
  multipleChoice: boolean;
  size?: "normal" | "large";
  caption?: string;
}) {
  const large = size === "large";
  // Sizes in CSS pixels: the SVG has no viewBox, so its text never shrinks with the
  // width (at least 16 px on a phone, 40 px on a projector). The bars are percentages
  // of the width; the rest of the row holds the value.
  const fontLabel = large ? 40 : 16;
  const fontValue = large ? 44 : 16;
  const labelHeight = large ? 56 : 24;
  const barHeight = large ? 56 : 22;
  const rowHeight = labelHeight + barHeight + (large ? 28 : 12);
  const barShare = large ? 84 : 80;
  const height = Math.max(rowHeight, rows.length * rowHeight);
  return (
    <figure className={`poll-chart${large ? " poll-chart--large" : ""}`}>
      <svg width="100%" height={height} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="poll-chart__svg" focusable="false">
        <title id={`${id}-title`}>{`Diagram: ${title}`}</title>
        <desc id={`${id}-desc`}>
          {respondents !== null ? `${respondents} svarande. ` : ""}
          Samma siffror finns i tabellen under diagrammet.
        </desc>
        {rows.map((row, i) => {
          const y = i * rowHeight;
          const w = Math.max(0, Math.min(100, row.percent)) * (barShare / 100);
          return (
            <g key={row.label}>
              <text x={0} y={y + labelHeight - (large ? 12 : 6)} fontSize={fontLabel} fill="#1b1f23">
                {row.label}
              </text>
              <rect x={0} y={y + labelHeight} width={`${barShare}%`} height={barHeight} fill="#e6f0f4" />
              <rect
                x={0}
                y={y + labelHeight}
                width={`${w.toFixed(2)}%`}
                height={barHeight}
                fill={row.notReported ? "#6b7682" : "#0b4f6c"}
                className="poll-chart__bar"
              />
              <text x={`${w.toFixed(2)}%`} dx={large ? 12 : 6} y={y + labelHeight + barHeight * 0.72} fontSize={fontValue} fontWeight="bold" fill="#1b1f23">
                {`${formatNumber(row.percent)} %`}
              </text>
            </g>
          );
        })}
      </svg>
      <div className="table-scroll">
        <table className="poll-table">
          <caption className={caption ? undefined : "visually-hidden"}>{caption ?? `Resultat: ${title}`}</caption>
          <thead>
            <tr>
              <th scope="col">Svar</th>
              {respondents !== null ? (
                <th scope="col" className="num">
                  Antal
                </th>
              ) : null}
              <th scope="col" className="num">
                Andel
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label} className={row.notReported ? "poll-row--missing" : undefined}>
                <th scope="row">{row.label}</th>
                {respondents !== null ? <td className="num">{formatNumber(row.count ?? 0)}</td> : null}
                <td className="num">{formatNumber(row.percent)} %</td>
              </tr>
            ))}
          </tbody>
          {respondents !== null ? (
            <tfoot>
              <tr>
                <th scope="row">Antal svarande (n)</th>
                <td className="num">{formatNumber(respondents)}</td>
                <td className="num">{multipleChoice ? "" : "100 %"}</td>
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      <figcaption className="muted">
        {respondents !== null
          ? `n = ${formatNumber(respondents)}.${multipleChoice ? " Man kunde välja flera svar, så andelarna kan bli mer än 100 %." : " Andelarna är avrundade så att de blir 100 % tillsammans."}`
          : `Andelarna är de som redovisades efter forumet. Antalet svarande redovisades inte.${
              rows.some((r) => r.notReported) ? " ”Ej redovisat” är den del av svaren som inte redovisades." : ""
            }`}
      </figcaption>
    </figure>
  );
}

/** The same question over several forums: grouped bars per answer, and a table with one column per forum. */
export function TrendChart({ id, points }: { id: string; points: TrendPoint[] }) {
  const { labels, cells } = trendTable(points);
  // CSS pixels, as in PollChart: text at 13 px or more whatever the width; the bars
  // start at 30 % of the width and use at most 55 % of it.
  const barHeight = 16;
  const groupHeight = 26 + points.length * (barHeight + 6) + 12;
  const shades = ["#9cc3d5", "#4f8fad", "#0b4f6c", "#073447"];
  const shade = (i: number) => shades[Math.max(0, shades.length - points.length + i)] ?? "#0b4f6c";
  const barEnd = (value: number | null) => `${(30 + ((value ?? 0) / 100) * 55).toFixed(2)}%`;
  return (
    <figure className="poll-chart">
      <svg width="100%" height={labels.length * groupHeight} role="img" aria-labelledby={`${id}-title`} className="poll-chart__svg" focusable="false">
        <title id={`${id}-title`}>Svaren över tid. Samma siffror finns i tabellen under diagrammet.</title>
        {labels.map((label, li) => (
          <g key={label} transform={`translate(0 ${li * groupHeight})`}>
            <text x={0} y={18} fontSize={15} fill="#1b1f23" fontWeight="bold">
              {label}
            </text>
            {points.map((p, pi) => {
              const value = cells[li]?.[pi] ?? null;
              const y = 26 + pi * (barHeight + 6);
              return (
                <g key={p.code}>
                  <text x={0} y={y + barHeight - 3} fontSize={13} fill="#4f5963">
                    {formatShortDate(p.date)}
                  </text>
                  <rect x="30%" y={y} width={`${(((value ?? 0) / 100) * 55).toFixed(2)}%`} height={barHeight} fill={shade(pi)} />
                  <text x={barEnd(value)} dx={6} y={y + barHeight - 3} fontSize={13} fill="#1b1f23">
                    {value === null ? "–" : `${formatNumber(value)} %`}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <div className="table-scroll">
        <table className="poll-table">
          <caption>Andel per svar vid varje forum</caption>
          <thead>
            <tr>
              <th scope="col">Svar</th>
              {points.map((p) => (
                <th scope="col" className="num" key={p.code}>
                  {formatDate(p.date)}
                  {p.respondents !== null ? ` (n = ${formatNumber(p.respondents)})` : ""}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, li) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {points.map((p, pi) => {
                  const value = cells[li]?.[pi] ?? null;
                  return (
                    <td className="num" key={p.code}>
                      {value === null ? (
                        <>
                          –<span className="visually-hidden"> inget värde</span>
                        </>
                      ) : (
                        `${formatNumber(value)} %`
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
