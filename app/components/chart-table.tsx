import type { ReactNode } from "react";

/**
 * A chart's numbers as a table, folded away under "Visa siffrorna som tabell".
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
