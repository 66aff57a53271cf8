import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import type { GuestFilter } from "~/utils/links";
import { recordAudit } from "./audit.server";
import { registerForEvent } from "./registration.server";
import { containsText } from "~/utils/dialect.server";

/**
 * The organizer's guest list of one forum, fit for a few hundred people: one
 * table filtered by group, municipality or county, searched, paged, with each
 * queued person's place in the queue; and a person added by hand. Callers have
 * checked the role.
 */

export const GUEST_PAGE_SIZE = 50;

const FILTERS: Record<GuestFilter | "alla", Prisma.RegistrationWhereInput> = {
  // Unconfirmed registrations hold nothing: they have a filter of their own.
  alla: { status: { in: ["confirmed", "waitlisted"] } },
  plats: { status: "confirmed" },
  vantelista: { status: "waitlisted" },
  obekraftade: { status: "pending" },
  avanmalda: { status: "cancelled" },
  narvarande: { status: "confirmed", attendedAt: { not: null } },
};

export const isGuestFilter = (v: string | null): v is GuestFilter | "alla" => !!v && Object.hasOwn(FILTERS, v);

export type GuestQuery = { filter: GuestFilter | "alla"; q: string; municipalityCode: string; countyCode: string; page: number };

export function parseGuestQuery(params: URLSearchParams): GuestQuery {
  const visa = params.get("visa");
  const page = Number(params.get("sida") ?? "1");
  return {
    filter: isGuestFilter(visa) ? visa : "alla",
    q: (params.get("q") ?? "").trim().slice(0, 100),
    municipalityCode: /^\d{4}$/.test(params.get("kommun") ?? "") ? params.get("kommun")! : "",
    countyCode: /^\d{2}$/.test(params.get("lan") ?? "") ? params.get("lan")! : "",
    page: Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1,
  };
}

const guestSelect = {
  id: true,
  name: true,
  email: true,
  title: true,
  organisationName: true,
  status: true,
  waitlistSeq: true,
  attendedAt: true,
  createdAt: true,
  municipality: { select: { code: true, name: true, county: { select: { code: true, name: true } } } },
} satisfies Prisma.RegistrationSelect;

export async function listGuests(eventId: string, query: GuestQuery) {
  const { q } = query;
  const where: Prisma.RegistrationWhereInput = {
    eventId,
    ...FILTERS[query.filter],
    ...(query.municipalityCode ? { municipalityCode: query.municipalityCode } : {}),
    ...(query.countyCode ? { municipality: { countyCode: query.countyCode } } : {}),
    ...(q
      ? {
          OR: [
            { name: containsText(q) },
            { email: containsText(q) },
            { organisationName: containsText(q) },
            { title: containsText(q) },
            { municipality: { name: containsText(q) } },
          ],
        }
      : {}),
  };
  const [total, rows, queue, places] = await Promise.all([
    prisma.registration.count({ where }),
    prisma.registration.findMany({
      where,
      // Seats and the queue in the queue's order, then by time of registration.
      orderBy: [{ status: "asc" }, { waitlistSeq: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }, { id: "asc" }],
      select: guestSelect,
      skip: (query.page - 1) * GUEST_PAGE_SIZE,
      take: GUEST_PAGE_SIZE,
    }),
    prisma.registration.findMany({ where: { eventId, status: "waitlisted" }, orderBy: { waitlistSeq: "asc" }, select: { id: true } }),
    // The municipalities and counties that occur, for the filters.
    prisma.registration.findMany({
      where: { eventId, municipalityCode: { not: null } },
      distinct: ["municipalityCode"],
      select: { municipality: { select: { code: true, name: true, county: { select: { code: true, name: true } } } } },
    }),
  ]);
  const position = new Map(queue.map((r, i) => [r.id, i + 1]));
  const municipalities = places.flatMap((p) => (p.municipality ? [p.municipality] : [])).sort((a, b) => a.name.localeCompare(b.name, "sv"));
  const counties = [...new Map(municipalities.map((m) => [m.county.code, m.county])).values()].sort((a, b) => a.name.localeCompare(b.name, "sv"));
  return {
    rows: rows.map((r) => ({ ...r, queuePosition: position.get(r.id) ?? null })),
    total,
    pageCount: Math.max(1, Math.ceil(total / GUEST_PAGE_SIZE)),
    firstInQueue: queue[0]?.id ?? null,
    municipalities: municipalities.map((m) => ({ code: m.code, name: m.name })),
    counties,
  };
}

/** Names of the given registrations of one forum, for a confirmation that says whom it concerns. */
export async function guestNames(eventId: string, ids: string[]) {
  return prisma.registration.findMany({ where: { eventId, id: { in: ids } }, select: { id: true, name: true, status: true }, orderBy: { name: "asc" } });
}

/**
 * A person the organizer adds by hand (registered by phone, say): a seat at once
 * if there is one, else the queue, and the usual confirmation mail, as if the
 * person had confirmed the link. Audited with the organizer's name.
 */
export async function addGuestByHand(
  actorId: string,
  eventId: string,
  input: { name: string; email: string; title: string; municipalityCode: string; organisationName: string },
) {
  const result = await registerForEvent({ eventId, ...input, municipalityCode: input.municipalityCode || null, userId: null, consentInvites: false });
  if (result.outcome === "confirmed" || result.outcome === "waitlisted") {
    await recordAudit(prisma, {
      actorId,
      action: "registration.add",
      entityType: "Registration",
      entityId: result.registrationId,
      detail: { eventId, status: result.outcome },
    });
  }
  return result;
}
