/**
 * A small RFC 822/MIME reader for the SMTP sink: enough to read what nodemailer
 * sends (multipart/mixed and /alternative, base64 and quoted-printable, encoded-word
 * headers, RFC 2231 file names). Not a general mail parser.
 */

export type ParsedAttachment = { filename: string | null; contentType: string; size: number; content?: string };

export type ParsedMail = {
  headers: Record<string, string>;
  from: string;
  to: string;
  subject: string;
  messageId: string | null;
  text: string | null;
  html: string | null;
  attachments: ParsedAttachment[];
};

type Part = { headers: Record<string, string>; body: string };

export function parseMail(raw: string): ParsedMail {
  const root = splitPart(raw);
  const result: ParsedMail = {
    headers: root.headers,
    from: decodeWords(root.headers["from"] ?? ""),
    to: decodeWords(root.headers["to"] ?? ""),
    subject: decodeWords(root.headers["subject"] ?? ""),
    messageId: root.headers["message-id"] ?? null,
    text: null,
    html: null,
    attachments: [],
  };
  walk(root, result);
  return result;
}

function walk(part: Part, result: ParsedMail) {
  const type = parseHeaderValue(part.headers["content-type"] ?? "text/plain; charset=utf-8");
  const mime = type.value.toLowerCase();
  if (mime.startsWith("multipart/")) {
    const boundary = type.params["boundary"];
    if (!boundary) return;
    for (const child of splitMultipart(part.body, boundary)) walk(splitPart(child), result);
    return;
  }
  const disposition = parseHeaderValue(part.headers["content-disposition"] ?? "");
  const bytes = decodeTransfer(part.body, (part.headers["content-transfer-encoding"] ?? "7bit").toLowerCase());
  const charset = type.params["charset"] ?? "utf-8";
  const isAttachment = disposition.value.toLowerCase() === "attachment" || (!mime.startsWith("text/plain") && !mime.startsWith("text/html"));
  if (!isAttachment && mime === "text/plain" && result.text === null) {
    result.text = decodeCharset(bytes, charset);
  } else if (!isAttachment && mime === "text/html" && result.html === null) {
    result.html = decodeCharset(bytes, charset);
  } else {
    const filename = disposition.params["filename"] ?? type.params["name"] ?? null;
    const textual = mime.startsWith("text/") || mime === "application/ics" || mime === "application/json";
    result.attachments.push({
      filename: filename === null ? null : decodeWords(filename),
      contentType: mime,
      size: bytes.length,
      ...(textual ? { content: decodeCharset(bytes, charset) } : {}),
    });
  }
}

function splitPart(raw: string): Part {
  const normalized = raw.replace(/\r\n/g, "\n");
  const end = normalized.indexOf("\n\n");
  const head = end === -1 ? normalized : normalized.slice(0, end);
  const body = end === -1 ? "" : normalized.slice(end + 2);
  const headers: Record<string, string> = {};
  // Unfold continuation lines, then take the first occurrence of each header.
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) headers[name] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function splitMultipart(body: string, boundary: string): string[] {
  const parts: string[] = [];
  const lines = body.split("\n");
  let current: string[] | null = null;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === `--${boundary}--`) {
      if (current) parts.push(current.join("\n"));
      current = null;
      break;
    }
    if (trimmed === `--${boundary}`) {
      if (current) parts.push(current.join("\n"));
      current = [];
      continue;
    }
    current?.push(line);
  }
  if (current) parts.push(current.join("\n"));
  return parts;
}

/** `type/sub; a=b; c="d"` → value and lower-cased params, with RFC 2231 `name*0*=` joined. */
export function parseHeaderValue(header: string): { value: string; params: Record<string, string> } {
  const [value = "", ...rest] = splitOutsideQuotes(header, ";");
  const params: Record<string, string> = {};
  const continued: Record<string, Array<{ index: number; text: string; encoded: boolean }>> = {};
  for (const item of rest) {
    const eq = item.indexOf("=");
    if (eq === -1) continue;
    const key = item.slice(0, eq).trim().toLowerCase();
    let val = item.slice(eq + 1).trim();
    if (val.startsWith('"') && val.endsWith('"')) val = val.slice(1, -1).replace(/\\(.)/g, "$1");
    const m = /^([^*]+)\*(?:(\d+)\*?)?$/.exec(key);
    if (m && m[1]) {
      const list = (continued[m[1]] ??= []);
      list.push({ index: m[2] ? Number(m[2]) : 0, text: val, encoded: key.endsWith("*") });
    } else {
      params[key] = val;
    }
  }
  for (const [key, pieces] of Object.entries(continued)) {
    pieces.sort((a, b) => a.index - b.index);
    let charset = "utf-8";
    const decoded = pieces.map((p, i) => {
      let text = p.text;
      if (i === 0 && p.encoded) {
        const m = /^([^']*)'[^']*'(.*)$/.exec(text);
        if (m) {
          charset = m[1] || charset;
          text = m[2] ?? "";
        }
      }
      return p.encoded ? percentDecode(text, charset) : text;
    });
    params[key] = decoded.join("");
  }
  return { value: value.trim(), params };
}

function splitOutsideQuotes(input: string, separator: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch === "\\" && quoted) {
      current += ch + (input[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === separator && !quoted) {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  return out;
}

function percentDecode(text: string, charset: string) {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "%" && /^[0-9a-f]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i));
  }
  return decodeCharset(Buffer.from(bytes), charset);
}

/** Decodes `=?utf-8?Q?...?=` and `=?utf-8?B?...?=` words; whitespace between two words is dropped. */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[bqBQ]\?[^?]*\?=)\s+(?==\?[^?]+\?[bqBQ]\?[^?]*\?=)/g, "$1")
    .replace(/=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/g, (_all, charset: string, encoding: string, text: string) => {
      const bytes = encoding.toUpperCase() === "B" ? Buffer.from(text, "base64") : qpBytes(text.replace(/_/g, " "));
      return decodeCharset(bytes, charset);
    });
}

function decodeTransfer(body: string, encoding: string): Buffer {
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64");
  if (encoding === "quoted-printable") return qpBytes(body.replace(/=\n/g, ""));
  // 7bit/8bit: the body went through SMTP as text. Drop the line break before the next boundary.
  return Buffer.from(body.replace(/\n$/, ""), "utf8");
}

function qpBytes(text: string): Buffer {
  const bytes: number[] = [];
  const raw = Buffer.from(text, "utf8");
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    if (b === 0x3d /* = */ && i + 2 < raw.length) {
      const hex = raw.subarray(i + 1, i + 3).toString("latin1");
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
        continue;
      }
    }
    bytes.push(b);
  }
  return Buffer.from(bytes);
}

function decodeCharset(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return bytes.toString("utf8");
  }
}

/** The http(s) links in a text, in order. */
export function linksIn(text: string | null | undefined): string[] {
  return text ? Array.from(text.matchAll(/https?:\/\/[^\s<>"')]+/g), (m) => m[0]) : [];
}
