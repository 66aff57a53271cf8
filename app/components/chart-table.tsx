import type { ReactNode } from "react";

/**
 * The parts around a chart: its numbers as a table, folded away under "Visa
 * siffrorna som tabell", and (ChartScroll) a box that lets a wide chart scroll.
 *
 * ChartTable:
 * With `captionId` the scrolling box is a focusable region named by the caption,
 * so a keyboard can scroll a wide table.
 */
export function ChartTable({ caption, captionId, children }: { caption: ReactNode; captionId?: string; children: ReactNode }) {
  return (
    <details>
      <summary>Visa siffrorna som tabell</summary>
      <div className="table-scroll" {...(captionId ? { tabIndex: 0, role: "region", "aria-labelledby": captionId } : {})}>
        <table>
          <caption id={captionId}>{caption}</caption>
          {children}
        </table>
      </div>
    </details>
  );
}

/**
 * On a phone the chart keeps its drawn width (640 px, so its 12 px labels stay 12
 * px) and scrolls sideways in this box, which the keyboard can reach; the table
 * under it has the same numbers (library.css).
 */
export function ChartScroll({ children }: { children: ReactNode }) {
  return (
    <div className="chart__scroll" tabIndex={0} role="group" aria-label="Diagrammet, rulla i sidled på en smal skärm">
      {children}
    </div>
  );
}
