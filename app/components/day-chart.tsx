import { ChartTable } from "./chart-table";

/**
 * A small server-rendered column chart of counts per day, with the numbers
 * printed on the columns and the same data as a table behind a disclosure.
 */
export function DayChart({ id, title, data }: { id: string; title: string; data: { day: string; n: number }[] }) {
  const width = 560;
  const height = 160;
  const gap = 4;
  const max = Math.max(1, ...data.map((d) => d.n));
  const barWidth = (width - gap * (data.length - 1)) / Math.max(1, data.length);
  const total = data.reduce((s, d) => s + d.n, 0);
  const label = (day: string) => day.slice(8, 10) + "/" + String(Number(day.slice(5, 7)));
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height + 36}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="chart__svg">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>
          {total} anmälningar de senaste {data.length} dagarna. Siffrorna finns också i tabellen under diagrammet.
        </desc>
        {data.map((d, i) => {
          const h = Math.round((d.n / max) * (height - 20));
          const x = i * (barWidth + gap);
          return (
            <g key={d.day}>
              <rect x={x} y={height - h} width={barWidth} height={h} fill="#0b4f6c" />
              <text x={x + barWidth / 2} y={height - h - 4} textAnchor="middle" fontSize="12" fill="#1b1f23">
                {d.n}
              </text>
              <text x={x + barWidth / 2} y={height + 16} textAnchor="middle" fontSize="11" fill="#4f5963">
                {label(d.day)}
              </text>
            </g>
          );
        })}
        <line x1="0" x2={width} y1={height} y2={height} stroke="#6b7682" />
      </svg>
      <ChartTable caption={title}>
        <thead>
          <tr>
            <th scope="col">Dag</th>
            <th scope="col" className="num">
              Anmälningar
            </th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.day}>
              <td>{d.day}</td>
              <td className="num">{d.n}</td>
            </tr>
          ))}
        </tbody>
      </ChartTable>
    </figure>
  );
}
