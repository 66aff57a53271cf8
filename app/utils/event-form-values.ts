import { toStockholmInputValue } from "./format";

/** The organizer's event form: values to refill it with, from a posted form or a stored event. */
export type EventFormValues = Record<string, string | string[]>;

const FIELDS = ["title", "slug", "summary", "descriptionMd", "startsAt", "endsAt", "format", "location", "joinUrl", "capacity", "registrationDeadline"];

export function eventFormValues(formData: FormData): EventFormValues {
  const values: EventFormValues = {};
  for (const name of FIELDS) {
    const value = formData.get(name);
    if (typeof value === "string") values[name] = value.slice(0, 20_000);
  }
  values.tagIds = formData
    .getAll("tagIds")
    .filter((v): v is string => typeof v === "string")
    .slice(0, 20);
  return values;
}

type StoredEvent = {
  title: string;
  slug: string;
  summary: string;
  descriptionMd: string;
  startsAt: Date | string;
  endsAt: Date | string;
  format: string;
  location: string;
  joinUrl: string | null;
  capacity: number | null;
  registrationDeadline: Date | string | null;
  tags: { tagId: string }[];
};

export function storedEventValues(event: StoredEvent): EventFormValues {
  return {
    title: event.title,
    slug: event.slug,
    summary: event.summary,
    descriptionMd: event.descriptionMd,
    startsAt: toStockholmInputValue(event.startsAt),
    endsAt: toStockholmInputValue(event.endsAt),
    format: event.format,
    location: event.location,
    joinUrl: event.joinUrl ?? "",
    capacity: event.capacity === null ? "" : String(event.capacity),
    registrationDeadline: event.registrationDeadline ? toStockholmInputValue(event.registrationDeadline) : "",
    tagIds: event.tags.map((t) => t.tagId),
  };
}
