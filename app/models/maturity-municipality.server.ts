import { municipalityGroupOf } from "~/data/municipality-groups";
import { MATURITY_DIMENSIONS, MATURITY_MAX_SCORE } from "~/data/maturity";
import { prisma } from "~/utils/db.server";
import { changeSince, weakestDimensions, type ScoreMap } from "~/utils/maturity-stats";
import { AffiliationRequiredError, isVerifiedMemberOf } from "./affiliation.server";
import { lockMunicipalityMaturity } from "./locks.server";
import { comparisonsFor, countDemoAssessments, currentRows, listCurrentAssessments, toScoreMap } from "./maturity.server";
import { isUniqueViolation, transaction, TX_OPTIONS } from "./transaction.server";
import { visibleThread } from "./discussion.server";

/**
 * Analysmognad for one municipality: its result page, and what only its verified
 * members see and do: its own scores, their history and change, recommendations
 * for its weakest areas, and submitting the year's assessment. The rules of the
 * data (one current assessment a year, who sees what) are in maturity.server.ts.
 */

// ---------------------------------------------------------------------------
// Its own assessments
// ---------------------------------------------------------------------------

export type CurrentAssessment = {
  id: string;
  year: number;
  createdAt: Date;
  submittedBy: string | null;
  scores: ScoreMap;
};

/** The municipality's current assessment for a year, or null. */
export async function getCurrentAssessment(municipalityCode: string, year: number): Promise<CurrentAssessment | null> {
  const row = await prisma.maturityAssessment.findFirst({
    where: { ...currentRows, municipalityCode, year },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      year: true,
      createdAt: true,
      submittedBy: { select: { name: true, deletedAt: true } },
      scores: { select: { dimension: true, score: true } },
    },
  });
  if (!row) return null;
  return {
    id: row.id,
    year: row.year,
    createdAt: row.createdAt,
    submittedBy: row.submittedBy && !row.submittedBy.deletedAt ? row.submittedBy.name : null,
    scores: toScoreMap(row.scores),
  };
}

/** Every submission of a municipality, newest first, replaced ones included. */
export async function listAssessmentHistory(municipalityCode: string) {
  const rows = await prisma.maturityAssessment.findMany({
    where: { municipalityCode },
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
    take: 50,
    select: {
      id: true,
      year: true,
      createdAt: true,
      replacedAt: true,
      submittedBy: { select: { name: true, deletedAt: true } },
    },
  });
  return rows.map(({ submittedBy, ...row }) => ({
    ...row,
    submittedBy: submittedBy && !submittedBy.deletedAt ? submittedBy.name : null,
  }));
}

// ---------------------------------------------------------------------------
// Submitting
// ---------------------------------------------------------------------------

export type SubmitInput = {
  userId: string;
  municipalityCode: string;
  year: number;
  scores: ScoreMap;
  now?: Date;
};

/**
 * Stores a municipality's assessment for the year. An earlier current one is
 * marked replaced (kept as history) in the same transaction. Only a verified
 * member of the municipality may (AffiliationRequiredError otherwise).
 */
export async function submitAssessment({ userId, municipalityCode, year, scores, now = new Date() }: SubmitInput) {
  const rows = MATURITY_DIMENSIONS.map(({ key }) => {
    const score = scores[key];
    if (typeof score !== "number" || !Number.isInteger(score) || score < 0 || score > MATURITY_MAX_SCORE) {
      throw new Error(`Ogiltig poäng för ${key}`);
    }
    return { dimension: key, score };
  });
  const write = () =>
    transaction(async (tx) => {
      await lockMunicipalityMaturity(tx, municipalityCode);
      // Checked in the write itself: a claim changed a moment ago does not slip through.
      if (!(await isVerifiedMemberOf(tx, userId, municipalityCode))) throw new AffiliationRequiredError();
      const replaced = await tx.maturityAssessment.updateMany({
        where: { ...currentRows, municipalityCode, year },
        data: { replacedAt: now },
      });
      const created = await tx.maturityAssessment.create({
        data: { municipalityCode, year, submittedById: userId, createdAt: now, scores: { create: rows } },
        select: { id: true },
      });
      return { id: created.id, replaced: replaced.count };
    }, TX_OPTIONS);
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      // Another current row was committed between our UPDATE and INSERT: the
      // next attempt replaces it, as if it had come first.
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

export type Recommendation = {
  dimension: string;
  cases: { slug: string; title: string }[];
  threads: { id: string; slug: string; title: string }[];
  recordings: { slug: string; title: string; startsAt: Date }[];
};

const RECOMMENDATIONS_PER_KIND = 3;

/** Published cases, visible threads and public recordings tagged for each dimension. */
export async function getRecommendations(dimensions: string[], now = new Date()): Promise<Recommendation[]> {
  return Promise.all(
    dimensions.map(async (dimension) => {
      const tagSlugs = [...(MATURITY_DIMENSIONS.find((d) => d.key === dimension)?.tagSlugs ?? [])];
      const tagged = { some: { tag: { slug: { in: tagSlugs } } } };
      const [cases, threads, recordings] = await Promise.all([
        prisma.case.findMany({
          where: { status: "published", tags: tagged },
          orderBy: [{ publishedAt: "desc" }, { title: "asc" }],
          take: RECOMMENDATIONS_PER_KIND,
          select: { slug: true, title: true },
        }),
        prisma.thread.findMany({
          where: { ...visibleThread, tags: tagged },
          orderBy: [{ voteCount: "desc" }, { lastActivityAt: "desc" }],
          take: RECOMMENDATIONS_PER_KIND,
          select: { id: true, slug: true, title: true },
        }),
        prisma.event.findMany({
          where: {
            status: "published",
            endsAt: { lt: now },
            tags: tagged,
            recording: { is: { publishedAt: { lte: now } } },
          },
          orderBy: { startsAt: "desc" },
          take: RECOMMENDATIONS_PER_KIND,
          select: { slug: true, title: true, startsAt: true },
        }),
      ]);
      return { dimension, cases, threads, recordings };
    }),
  );
}

// ---------------------------------------------------------------------------
// The municipality's page
// ---------------------------------------------------------------------------

/**
 * The result page of one municipality for one year. `own` (scores, change,
 * recommendations, history) is filled in only when the viewer (a user id) is a
 * verified member of the municipality.
 */
export async function getMunicipalityResult(code: string, year: number, viewerId: string | null, now = new Date()) {
  if (!/^\d{4}$/.test(code)) return null;
  const municipality = await prisma.municipality.findUnique({
    where: { code },
    select: { code: true, name: true, officialName: true, county: { select: { code: true, name: true } } },
  });
  if (!municipality) return null;
  const group = municipalityGroupOf(code);
  const [rows, demoRows] = await Promise.all([listCurrentAssessments(year), countDemoAssessments(year)]);
  const comparisons = comparisonsFor(rows, municipality.county, group);
  const isMember = !!viewerId && (await isVerifiedMemberOf(prisma, viewerId, code));

  let own: {
    assessment: CurrentAssessment | null;
    previous: CurrentAssessment | null;
    change: Record<string, number | null> | null;
    recommendations: Recommendation[];
    history: Awaited<ReturnType<typeof listAssessmentHistory>>;
  } | null = null;
  if (isMember) {
    const [assessment, previous, history] = await Promise.all([
      getCurrentAssessment(code, year),
      getCurrentAssessment(code, year - 1),
      listAssessmentHistory(code),
    ]);
    own = {
      assessment,
      previous,
      change: assessment && previous ? changeSince(assessment.scores, previous.scores) : null,
      recommendations: assessment ? await getRecommendations(weakestDimensions(assessment.scores), now) : [],
      history,
    };
  }
  return { municipality, group, year, comparisons, isMember, own, demoRows };
}
