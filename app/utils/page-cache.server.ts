import type { IncomingMessage, ServerResponse } from "node:http";
import { databaseUrl } from "./database-url";
import { byProvider } from "./dialect.server";
import { prepareEntry, type CachedPage } from "./page-cache-entry.server";
import { createInProcessBus, createPostgresBus, type PollBus } from "./poll-bus.server";

/**
 * The full-page cache for anonymous visitors (docs/decisions/013-anonymous-page-cache.md).
 *
 * server.js asks `serve()` before Express sees the request: a GET or HEAD without
 * any cookie (so never a member's or a voter's request) whose page is stored is
 * answered from here with bytes and headers prepared when it was stored (gzip and
 * brotli already done, a CSP with the hashes of the page's inline scripts). A miss
 * goes on through Express and Remix; remix-handler.server.ts hands a 200 HTML or
 * `?_data` JSON answer that sets no cookie and is not private back to `store()`.
 *
 * Invalidation is exact and coarse: every committed write to a table a public page
 * may show (db-writes.server.ts, at the driver adapter) empties the whole cache
 * before the writer's response is sent, and on PostgreSQL tells every other
 * instance the same over LISTEN/NOTIFY. A page rendered while such a write
 * committed is not stored (the flush clock). On SQLite a commit by another
 * process (a CLI job, a test writing data) is noticed through `PRAGMA
 * data_version` before each lookup. A stored page also expires after
 * MAX_AGE_MS, for what changes with the clock alone (a registration deadline).
 */
const MAX_AGE_MS = 60_000;
/** Larger answers are not stored (the budget is for many pages, not one). */
const MAX_ENTRY_BYTES = 1024 * 1024;
const PAGE_CHANNEL = "page_cache";
const ALL = "all";
const startKey = Symbol("pageCacheStart");

type Pending = IncomingMessage & { [startKey]?: number };

class PageCache {
  private entries = new Map<string, CachedPage>();
  private bytes = 0;
  private clock = 0;
  private flushedAt = 0;
  private maxBytes = 0;
  private bus: PollBus | null = null;
  private foreignChange: (() => boolean) | null = null;
  hits = 0;
  misses = 0;

  /** Turns the cache on with a budget in bytes (0 leaves it off); server.js calls it once. */
  enable(maxBytes: number) {
    if (this.bus || maxBytes <= 0) return;
    this.maxBytes = maxBytes;
    this.bus = byProvider<() => PollBus>({
      sqlite: createInProcessBus,
      postgres: () => createPostgresBus(databaseUrl(), PAGE_CHANNEL),
    })();
    // On PostgreSQL this connects and LISTENs; a reconnect calls it again (flushes).
    this.bus.subscribe(ALL, () => this.flush());
  }

  get enabled() {
    return this.maxBytes > 0;
  }

  /** A check that says whether another process changed the database since it was last asked (SQLite). */
  watchForeignChanges(check: () => boolean) {
    this.foreignChange = check;
  }

  /** Something a public page may show has changed and committed. */
  changed() {
    if (this.bus) this.bus.publish(ALL);
  }

  flush() {
    this.entries.clear();
    this.bytes = 0;
    this.flushedAt = ++this.clock;
  }

  /** Answers from the cache when it can (true); otherwise marks a cacheable request as a miss. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.enabled || (req.method !== "GET" && req.method !== "HEAD")) return false;
    if (!isAnonymous(req)) {
      res.setHeader("X-Cache", "BYPASS");
      return false;
    }
    if (this.foreignChange?.()) this.flush();
    const key = req.url!;
    const entry = this.entries.get(key);
    if (!entry || entry.expires < Date.now()) {
      if (entry) this.remove(key, entry);
      (req as Pending)[startKey] = this.clock;
      this.misses++;
      res.setHeader("X-Cache", "MISS");
      return false;
    }
    this.hits++;
    // Most recently used last: eviction takes from the front.
    this.entries.delete(key);
    this.entries.set(key, entry);
    const variant = pickVariant(entry, req.headers["accept-encoding"]);
    res.writeHead(entry.status, variant.headers);
    res.end(req.method === "HEAD" ? undefined : variant.body);
    return true;
  }

  /** Whether this request missed and may store its answer (GET only: a HEAD has no body to keep). */
  mayStore(req: IncomingMessage): boolean {
    return (req as Pending)[startKey] !== undefined && req.method === "GET";
  }

  /**
   * Stores an answer when it is public: 200, HTML or JSON, no cookie set, not
   * private, not too large, and nothing changed since the request arrived.
   */
  async store(req: IncomingMessage, status: number, headers: Record<string, unknown>, body: Buffer) {
    const start = (req as Pending)[startKey];
    if (start === undefined || !isPublicAnswer(status, headers) || body.length > MAX_ENTRY_BYTES) return;
    const key = req.url!;
    const entry = await prepareEntry(status, headers, body, Date.now() + MAX_AGE_MS);
    if (!entry || start < this.flushedAt || entry.bytes > this.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const [oldest, page] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest, page);
    }
  }

  stats() {
    return { entries: this.entries.size, bytes: this.bytes, hits: this.hits, misses: this.misses };
  }

  async close() {
    await this.bus?.close();
  }

  private remove(key: string, entry: CachedPage) {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

/**
 * No cookie at all (no session, no poll voter, nothing else), no credentials, no
 * signed link or token, and no email address in the URL ("Kolla din e-post"):
 * personal data is not kept in the cache.
 */
function isAnonymous(req: IncomingMessage): boolean {
  const h = req.headers;
  if (h.cookie || h.authorization) return false;
  const url = req.url ?? "";
  return url.length <= 2048 && !/[?&](?:token|sig|adress)=/i.test(url);
}

function isPublicAnswer(status: number, headers: Record<string, unknown>): boolean {
  if (status !== 200 || headers["set-cookie"] !== undefined) return false;
  if (/private|no-store|no-cache/i.test(String(headers["cache-control"] ?? ""))) return false;
  return /^(?:text\/html|application\/json)\b/i.test(String(headers["content-type"] ?? ""));
}

function pickVariant(entry: CachedPage, acceptEncoding: string | undefined) {
  if (acceptEncoding) {
    if (entry.br && /\bbr\b/.test(acceptEncoding)) return entry.br;
    if (/\bgzip\b/.test(acceptEncoding)) return entry.gzip;
  }
  return entry.identity;
}

// One cache per process, also across development reloads.
const g = globalThis as { __pageCache?: PageCache };
export const pageCache: PageCache = (g.__pageCache ??= new PageCache());

/** Called by db-writes.server.ts after a committed write that may change a public page. */
export const publicDataChanged = () => pageCache.changed();
