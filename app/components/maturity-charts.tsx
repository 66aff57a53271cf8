import { MATURITY_DIMENSIONS, MATURITY_MAX_SCORE, MATURITY_SCALE } from "~/data/maturity";
import { formatAverage } from "~/utils/maturity-stats";
import { ChartScroll, ChartTable } from "./chart-table";

/**
 * Server-rendered SVG charts for the maturity benchmark. Each series has a
 * direct text label and its own fill (solid, hatched, dotted), so colour is never
 * the only cue; the numbers are printed at the bars and repeated in a table.
 */

export type SeriesStyle = "own" | "national" | "county" | "group";

export type ChartSeries = {
  style: SeriesStyle;
  /** Short label printed beside each bar: "Borlänge", "Riket". */
  label: string;
  values: Record<string, number | null | undefined>;
};

const FILL: Record<SeriesStyle, string> = {
  own: "#0b4f6c",
  national: "#4f5963",
  county: "url(#PATTERN-county)",
  group: "url(#PATTERN-group)",
};

function Patterns({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-county`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#e6f0f4" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#0b4f6c" strokeWidth="3" />
      </pattern>
      <pattern id={`${id}-group`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#f4f6f8" />
        <circle cx="3" cy="3" r="1.6" fill="#1b1f23" />
      </pattern>
      <pattern id={`${id}-hidden`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="8" height="8" fill="#f4f6f8" />
        <line x1="0" y1="0" x2="0" y2="8" stroke="#6b7682" strokeWidth="1.5" />
      </pattern>
    </defs>
  );
}

const fillFor = (id: string, style: SeriesStyle) => FILL[style].replace("PATTERN", id);

/** A municipality's own score is a whole number; group averages get one decimal. */
const formatValue = (style: SeriesStyle, value: number | null | undefined) =>
  style === "own" && typeof value === "number" ? String(value) : formatAverage(value);

/** Scores per dimension for up to four series (own municipality, nation, county, group). */
export function MaturityComparisonChart({
  id,
  title,
  description,
  series,
  caption,
  extraColumns,
}: {
  id: string;
  title: string;
  description: string;
  series: ChartSeries[];
  caption: string;
  /** Extra table columns after the series, e.g. the change since last year. */
  extraColumns?: { label: string; values: Record<string, string> }[];
}) {
  const width = 640;
  const labelWidth = 170;
  const barX = labelWidth + 8;
  const barMax = 380;
  const barHeight = 16;
  const barGap = 4;
  const headHeight = 22;
  const blockGap = 12;
  const top = 28;
  const block = headHeight + series.length * (barHeight + barGap) + blockGap;
  const height = top + MATURITY_DIMENSIONS.length * block;
  const scale = (v: number) => (v / MATURITY_MAX_SCORE) * barMax;

  return (
    <figure className="chart maturity-chart">
      <ChartScroll>
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="chart__svg">
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{description} Siffrorna finns också i tabellen under diagrammet.</desc>
          <Patterns id={id} />
          {MATURITY_SCALE.map((s) => (
            <g key={s.value}>
              <line x1={barX + scale(s.value)} x2={barX + scale(s.value)} y1={top - 6} y2={height - blockGap} stroke="#d5dbe1" />
              <text x={barX + scale(s.value)} y={top - 10} textAnchor="middle" fontSize="12" fill="#4f5963">
                {s.value}
              </text>
            </g>
          ))}
          {MATURITY_DIMENSIONS.map((d, i) => {
            const y0 = top + i * block;
            return (
              <g key={d.key}>
                <text x={0} y={y0 + 15} fontSize="14" fontWeight="700" fill="#1b1f23">
                  {d.label}
                </text>
                {series.map((s, j) => {
                  const value = s.values[d.key];
                  const y = y0 + headHeight + j * (barHeight + barGap);
                  const w = typeof value === "number" ? Math.max(2, scale(value)) : 0;
                  return (
                    <g key={s.style}>
                      <text x={labelWidth} y={y + 12.5} textAnchor="end" fontSize="12" fill="#1b1f23">
                        {s.label}
                      </text>
                      {typeof value === "number" ? (
                        <>
                          <rect x={barX} y={y} width={w} height={barHeight} fill={fillFor(id, s.style)} stroke="#1b1f23" strokeWidth="0.75" />
                          <text x={barX + w + 6} y={y + 12.5} fontSize="12" fill="#1b1f23">
                            {formatValue(s.style, value)}
                          </text>
                        </>
                      ) : (
                        <text x={barX + 4} y={y + 12.5} fontSize="12" fill="#4f5963">
                          saknas
                        </text>
                      )}
                    </g>
                  );
                })}
              </g>
            );
          })}
        </svg>
      </ChartScroll>
      <ChartTable caption={caption} captionId={`${id}-caption`}>
        <thead>
          <tr>
            <th scope="col">Område</th>
            {series.map((s) => (
              <th scope="col" className="num" key={s.style}>
                {s.label}
              </th>
            ))}
            {extraColumns?.map((c) => (
              <th scope="col" className="num" key={c.label}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {MATURITY_DIMENSIONS.map((d) => (
            <tr key={d.key}>
              <th scope="row">{d.label}</th>
              {series.map((s) => (
                <td className="num" key={s.style}>
                  {formatValue(s.style, s.values[d.key])}
                </td>
              ))}
              {extraColumns?.map((c) => (
                <td className="num" key={c.label}>
                  {c.values[d.key] ?? "–"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </ChartTable>
    </figure>
  );
}

const SHADES = ["#ffffff", "#e6f0f4", "#b5d0dc", "#5f93aa", "#0b4f6c"];

function shadeFor(count: number, max: number): { fill: string; text: string } {
  if (count === 0 || max === 0) return { fill: SHADES[0]!, text: "#1b1f23" };
  const step = Math.min(4, 1 + Math.floor((count / max) * 3.999));
  return { fill: SHADES[step]!, text: step >= 3 ? "#ffffff" : "#1b1f23" };
}

export type DistributionRow = { key: string; counts: (number | null)[]; average: number | null };

/**
 * How many municipalities gave each score, one row per dimension. Hidden (small)
 * counts are drawn hatched with the text "<5" and no size.
 */
export function MaturityDistributionChart({
  id,
  title,
  rows,
  n,
  minGroupSize,
}: {
  id: string;
  title: string;
  rows: DistributionRow[];
  n: number;
  minGroupSize: number;
}) {
  const width = 640;
  const labelWidth = 200;
  const cellW = 84;
  const cellH = 32;
  const top = 40;
  const height = top + rows.length * (cellH + 4);
  const label = (key: string) => MATURITY_DIMENSIONS.find((d) => d.key === key)?.label ?? key;
  const hiddenText = `färre än ${minGroupSize}`;
  return (
    <figure className="chart maturity-chart">
      <ChartScroll>
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="chart__svg">
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>
            Antal kommuner som gav varje poäng från 0 till 4, per område, av {n} kommuner. Antal under {minGroupSize} visas inte. Siffrorna finns också i
            tabellen under diagrammet.
          </desc>
          <Patterns id={id} />
          <text x={labelWidth + (cellW * 5) / 2} y={12} textAnchor="middle" fontSize="12" fill="#4f5963">
            Poäng
          </text>
          {MATURITY_SCALE.map((s, i) => (
            <text key={s.value} x={labelWidth + i * cellW + cellW / 2} y={32} textAnchor="middle" fontSize="13" fontWeight="700" fill="#1b1f23">
              {s.value}
            </text>
          ))}
          {rows.map((row, r) => {
            const y = top + r * (cellH + 4);
            const max = Math.max(0, ...row.counts.map((c) => c ?? 0));
            return (
              <g key={row.key}>
                <text x={labelWidth - 8} y={y + 21} textAnchor="end" fontSize="13" fill="#1b1f23">
                  {label(row.key)}
                </text>
                {row.counts.map((count, i) => {
                  const x = labelWidth + i * cellW;
                  if (count === null) {
                    return (
                      <g key={i}>
                        <rect x={x + 2} y={y} width={cellW - 4} height={cellH} fill={`url(#${id}-hidden)`} stroke="#6b7682" />
                        <text x={x + cellW / 2} y={y + 21} textAnchor="middle" fontSize="13" fill="#1b1f23">
                          &lt;{minGroupSize}
                        </text>
                      </g>
                    );
                  }
                  const shade = shadeFor(count, max);
                  return (
                    <g key={i}>
                      <rect x={x + 2} y={y} width={cellW - 4} height={cellH} fill={shade.fill} stroke="#6b7682" />
                      <text x={x + cellW / 2} y={y + 21} textAnchor="middle" fontSize="13" fontWeight="700" fill={shade.text}>
                        {count}
                      </text>
                    </g>
                  );
                })}
              </g>
            );
          })}
        </svg>
      </ChartScroll>
      <ChartTable caption={title} captionId={`${id}-caption`}>
        <thead>
          <tr>
            <th scope="col">Område</th>
            {MATURITY_SCALE.map((s) => (
              <th scope="col" className="num" key={s.value}>
                {s.value} <span className="visually-hidden">poäng</span>
              </th>
            ))}
            <th scope="col" className="num">
              Medel
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{label(row.key)}</th>
              {row.counts.map((count, i) => (
                <td className="num" key={i}>
                  {count === null ? hiddenText : count}
                </td>
              ))}
              <td className="num">{formatAverage(row.average)}</td>
            </tr>
          ))}
        </tbody>
      </ChartTable>
    </figure>
  );
}
