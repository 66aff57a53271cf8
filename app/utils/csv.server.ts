import { stringify } from "csv-stringify/sync";

/**
 * CSV that opens correctly in Swedish Excel: UTF-8 with a byte-order mark (so å, ä
 * and ö survive), semicolons between fields (the comma is the decimal sign in
 * Swedish) and CRLF line endings.
 */
export function excelCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  // A leading =, +, - or @ would make Excel run the cell as a formula.
  const safe = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
  return stringify([[...header], ...rows.map((r) => r.map(safe))], { delimiter: ";", record_delimiter: "windows", bom: true, quoted_match: /[;"\r\n]/ });
}

export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";
