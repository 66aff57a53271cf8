import { formatDate, formatDateTime, formatShortDate, formatTime } from "~/utils/format";

const FORMATTERS = {
  datetime: formatDateTime,
  date: formatDate,
  short: formatShortDate,
  time: formatTime,
} as const;

/** A date in Swedish, Stockholm time, with its ISO value for machines. */
export function DateTime({ value, format = "datetime" }: { value: Date | string; format?: keyof typeof FORMATTERS }) {
  const date = new Date(value);
  return <time dateTime={date.toISOString()}>{FORMATTERS[format](date)}</time>;
}

/** "torsdag 6 maj 2021 kl. 13.00–14.30"; the end date is written out when it is another day. */
export function DateTimeRange({ start, end }: { start: Date | string; end: Date | string }) {
  const sameDay = formatDate(start) === formatDate(end);
  return (
    <>
      <DateTime value={start} />
      {"–"}
      <DateTime value={end} format={sameDay ? "time" : "datetime"} />
    </>
  );
}
