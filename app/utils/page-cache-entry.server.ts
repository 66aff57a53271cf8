import crypto from "node:crypto";
import { promisify } from "node:util";
import zlib from "node:zlib";

/**
 * A page as the cache keeps it (page-cache.server.ts): its bytes plain, gzipped
 * and brotli-compressed, each with the complete set of response headers, so
 * that a hit is one writeHead and one end.
 *
 * The CSP stays as strict as for a rendered page: the per-request nonce is taken
 * out of the page and out of the policy, and the policy lists instead the
 * SHA-256 hashes of exactly the inline scripts this page carries.
 */
export type Variant = { headers: Record<string, string | string[]>; body: Buffer };
export type CachedPage = {
  status: number;
  expires: number;
  /** Memory held: the three bodies. */
  bytes: number;
  identity: Variant;
  gzip: Variant;
  br: Variant | null;
};

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** Headers that belong to one response, not to the stored page. */
const PER_RESPONSE = new Set([
  "x-request-id",
  "x-cache",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "date",
  "connection",
  "keep-alive",
  "etag",
  "vary",
]);

export async function prepareEntry(status: number, headers: Record<string, unknown>, body: Buffer, expires: number): Promise<CachedPage | null> {
  const base: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (PER_RESPONSE.has(name) || value === undefined) continue;
    base[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  const csp = base["content-security-policy"];
  if (typeof csp === "string") {
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    if (nonce) {
      const isHtml = /^text\/html/i.test(String(base["content-type"] ?? ""));
      if (isHtml) body = Buffer.from(body.toString("utf8").replaceAll(` nonce="${nonce}"`, ""), "utf8");
      const hashes = isHtml ? inlineScriptHashes(body.toString("utf8")) : [];
      base["content-security-policy"] = csp.replace(`'nonce-${nonce}'`, hashes.join(" ")).replace(/ +;/g, ";");
    }
  }
  base["vary"] = "Accept-Encoding";
  base["x-cache"] = "HIT";
  const [gzipped, brotlied] = await Promise.all([
    gzip(body, { level: 6 }),
    brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  ]);
  const variant = (bytes: Buffer, encoding: string | null): Variant => ({
    headers: { ...base, "content-length": String(bytes.length), ...(encoding ? { "content-encoding": encoding } : {}) },
    body: bytes,
  });
  const br = brotlied.length < gzipped.length ? variant(brotlied, "br") : null;
  return {
    status,
    expires,
    bytes: body.length + gzipped.length + (br ? brotlied.length : 0),
    identity: variant(body, null),
    gzip: variant(gzipped, "gzip"),
    br,
  };
}

/** 'sha256-…' of the text of every inline <script> (one without src), as CSP Level 2 hashes it. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(match[1]!)) continue;
    const digest = crypto.createHash("sha256").update(match[2]!, "utf8").digest("base64");
    hashes.add(`'sha256-${digest}'`);
  }
  return [...hashes];
}
