import { prisma } from "~/utils/db.server";
import { withoutUnfilledSections } from "~/utils/case-sections";
import { renderForWrite } from "~/utils/markdown.server";

/**
 * Stored HTML for rows that have none: rows written before HTML was stored at
 * write time, or by a script that wrote only the Markdown (ADR 011). Pages never
 * render, so until a row has HTML its readers see a placeholder.
 *
 * Bounded: rows are read in pages of BATCH by id, each text is rendered within
 * the pipeline's time budget, and the loop yields to the event loop after every
 * row, so a server answering requests meanwhile barely notices. A text that
 * cannot be rendered keeps null (its readers see a placeholder, moderators the
 * text) and is tried again on the next run. A row whose text changed while it
 * was rendered is left to the write that changed it.
 */
const BATCH = 100;

type Row = { id: string; markdown: string };
type Table = {
  name: string;
  missing: (after: string | undefined) => Promise<Row[]>;
  store: (row: Row, html: string) => Promise<unknown>;
  /** What of the Markdown is rendered (a case leaves out its unfilled template sections), as at write time. */
  shown?: (markdown: string) => string;
};

const after = (id: string | undefined) => (id ? { id: { gt: id } } : {});

const TABLES: Table[] = [
  {
    name: "Post",
    missing: async (id) =>
      (await prisma.post.findMany({ where: { bodyHtml: null, ...after(id) }, orderBy: { id: "asc" }, take: BATCH, select: { id: true, bodyMd: true } })).map(
        (r) => ({ id: r.id, markdown: r.bodyMd }),
      ),
    store: (row, html) => prisma.post.updateMany({ where: { id: row.id, bodyHtml: null, bodyMd: row.markdown }, data: { bodyHtml: html } }),
  },
  {
    name: "Case",
    shown: withoutUnfilledSections,
    missing: async (id) =>
      (await prisma.case.findMany({ where: { bodyHtml: null, ...after(id) }, orderBy: { id: "asc" }, take: BATCH, select: { id: true, bodyMd: true } })).map(
        (r) => ({ id: r.id, markdown: r.bodyMd }),
      ),
    store: (row, html) => prisma.case.updateMany({ where: { id: row.id, bodyHtml: null, bodyMd: row.markdown }, data: { bodyHtml: html } }),
  },
  {
    name: "Article",
    missing: async (id) =>
      (await prisma.article.findMany({ where: { bodyHtml: null, ...after(id) }, orderBy: { id: "asc" }, take: BATCH, select: { id: true, bodyMd: true } })).map(
        (r) => ({ id: r.id, markdown: r.bodyMd }),
      ),
    store: (row, html) => prisma.article.updateMany({ where: { id: row.id, bodyHtml: null, bodyMd: row.markdown }, data: { bodyHtml: html } }),
  },
  {
    name: "Event",
    missing: async (id) =>
      (
        await prisma.event.findMany({
          where: { descriptionHtml: null, ...after(id) },
          orderBy: { id: "asc" },
          take: BATCH,
          select: { id: true, descriptionMd: true },
        })
      ).map((r) => ({ id: r.id, markdown: r.descriptionMd })),
    store: (row, html) =>
      prisma.event.updateMany({ where: { id: row.id, descriptionHtml: null, descriptionMd: row.markdown }, data: { descriptionHtml: html } }),
  },
];

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export type BackfillResult = { rendered: number; unrenderable: number };

/** Renders and stores the missing HTML of every table; `shouldStop` ends the run between rows (graceful shutdown). */
export async function backfillMarkdownHtml({ shouldStop = () => false }: { shouldStop?: () => boolean } = {}): Promise<BackfillResult> {
  const result: BackfillResult = { rendered: 0, unrenderable: 0 };
  for (const table of TABLES) {
    let cursor: string | undefined;
    for (;;) {
      const rows = await table.missing(cursor);
      for (const row of rows) {
        if (shouldStop()) return result;
        const rendered = renderForWrite(table.shown ? table.shown(row.markdown) : row.markdown);
        if (rendered.ok) {
          await table.store(row, rendered.html);
          result.rendered++;
        } else {
          result.unrenderable++;
        }
        await nextTurn();
      }
      if (rows.length < BATCH) break;
      cursor = rows.at(-1)!.id;
    }
  }
  return result;
}
