import { Link } from "@remix-run/react";
import { caseHref, casesTaggedHref } from "~/utils/links";
import { TagList, type TagItem } from "./tag-list";

export type CaseCardData = {
  slug: string;
  title: string;
  summary: string;
  municipality: { name: string; county: { name: string } } | null;
  organisation: { name: string } | null;
  tags: TagItem[];
};

/** "Borlänge, Dalarnas län", or the organisation for cases outside a municipality. */
export function caseOwnerLabel(c: Pick<CaseCardData, "municipality" | "organisation">): string | null {
  if (c.municipality) return `${c.municipality.name}, ${c.municipality.county.name}`;
  return c.organisation?.name ?? null;
}

export function CaseCard({ item }: { item: CaseCardData }) {
  const owner = caseOwnerLabel(item);
  return (
    <li className="card">
      <h3>
        <Link to={caseHref(item)}>{item.title}</Link>
      </h3>
      {owner ? <p className="card__meta">{owner}</p> : null}
      {item.summary ? <p>{item.summary}</p> : null}
      <TagList tags={item.tags} hrefFor={casesTaggedHref} />
    </li>
  );
}
