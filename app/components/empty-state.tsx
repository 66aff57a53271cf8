import type { ReactNode } from "react";

/** Shown where a list has nothing yet: says why, and what the visitor can do now. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state__title">{title}</p>
      {children}
    </div>
  );
}
