import { stringify } from "csv-stringify/sync";

/**
 * CSV that opens correctly in Swedish Excel: UTF-8 with a byte-order mark (so å, ä
 * and ö survive), semicolons between fields (the comma is the decimal sign in
 * Swedish) and CRLF line endings.
 *
 * Formula guard (CSV injection): a cell that starts with =, +, -, @, TAB or CR is
 * run as a formula by Excel and LibreOffice, so it gets a leading apostrophe. A
 * spreadsheet may also split on a comma or a TAB instead of our semicolon: every
 * field with a comma, semicolon, TAB, quote or line break is quoted, and a formula
 * character right after one of those inside a field gets the apostrophe too, so
 * no split, whatever its delimiter, starts a cell with a formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const SPLIT_BEFORE_FORMULA = /([,;\t\r\n])(?=[=+\-@\t\r])/g;

export function defuseFormula(value: string): string {
  return (FORMULA_START.test(value) ? "'" : "") + value.replace(SPLIT_BEFORE_FORMULA, "$1'");
}

export function excelCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return stringify([[...header], ...rows.map((r) => r.map(defuseFormula))], {
    delimiter: ";",
    record_delimiter: "windows",
    bom: true,
    quoted_match: /[,;\t"\r\n]/,
  });
}

export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";
