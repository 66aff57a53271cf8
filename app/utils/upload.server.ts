import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { env } from "./env.server";
import { hasNulCharacter, NUL_MESSAGE } from "./form-data.server";

/**
 * Slides uploaded by organizers: PDF or PPTX, at most 20 MB, checked by file
 * name AND by the first bytes, stored under <DATA_DIR>/uploads with a random name.
 */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const TYPES = {
  pdf: { mimeType: "application/pdf", magic: Buffer.from("%PDF") },
  // PPTX is a ZIP container.
  pptx: { mimeType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", magic: Buffer.from([0x50, 0x4b, 0x03, 0x04]) },
} as const;

export type UploadExtension = keyof typeof TYPES;
export const STORED_NAME = /^[a-f0-9]{32}\.(pdf|pptx)$/;

export type CheckedUpload = { ok: true; ext: UploadExtension; mimeType: string } | { ok: false; message: string };

export function checkMaterialFile(fileName: string, bytes: Uint8Array): CheckedUpload {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  if (bytes.length === 0) return { ok: false, message: "Filen är tom. Välj en PDF- eller PowerPoint-fil." };
  if (bytes.length > MAX_UPLOAD_BYTES) return { ok: false, message: "Filen är större än 20 MB. Gör den mindre eller lägg den som en länk." };
  if (ext !== "pdf" && ext !== "pptx") return { ok: false, message: "Bara PDF- och PowerPoint-filer (.pdf, .pptx) kan laddas upp." };
  const { magic, mimeType } = TYPES[ext];
  if (!Buffer.from(bytes.subarray(0, magic.length)).equals(magic)) {
    return { ok: false, message: `Filen heter .${ext} men innehållet är inte en ${ext === "pdf" ? "PDF" : "PowerPoint-fil"}. Spara om den och försök igen.` };
  }
  return { ok: true, ext, mimeType };
}

export function uploadsDir(): string {
  return path.resolve(env().DATA_DIR, "uploads");
}

/** Writes the checked bytes under a random name; returns that name (relative to uploadsDir()). */
export async function storeUpload(bytes: Uint8Array, ext: UploadExtension): Promise<string> {
  const dir = uploadsDir();
  await fs.mkdir(dir, { recursive: true });
  const name = `${crypto.randomBytes(16).toString("hex")}.${ext}`;
  await fs.writeFile(path.join(dir, name), bytes, { flag: "wx", mode: 0o640 });
  return name;
}

/** The absolute path of a stored upload, or null for any name this module did not make. */
export function storedUploadPath(name: string): string | null {
  if (!STORED_NAME.test(name)) return null;
  const dir = uploadsDir();
  const full = path.resolve(dir, name);
  return path.dirname(full) === dir ? full : null;
}

export async function removeUpload(name: string | null) {
  const full = name ? storedUploadPath(name) : null;
  if (full) await fs.rm(full, { force: true });
}

/**
 * Reads a multipart form with the file kept in memory, at most 20 MB per part.
 * A too-large or broken body becomes a Swedish 400 answer, never a 500.
 */
export async function readMultipartForm(request: Request): Promise<{ ok: true; formData: FormData } | { ok: false; message: string }> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_UPLOAD_BYTES + 1024 * 1024) return { ok: false, message: "Filen är större än 20 MB. Gör den mindre eller lägg den som en länk." };
  try {
    const handler = unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES });
    const formData = await unstable_parseMultipartFormData(request, handler);
    if (hasNulCharacter(formData)) return { ok: false, message: NUL_MESSAGE };
    return { ok: true, formData };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return { ok: false, message: "Filen är större än 20 MB. Gör den mindre eller lägg den som en länk." };
    }
    return { ok: false, message: "Formuläret kunde inte läsas. Ladda om sidan och skicka igen." };
  }
}

/**
 * Internal header: a loader answers with the stored name of an upload, and the
 * server sends that file itself (app/utils/send-upload.server.ts): at the pace
 * the client reads, with range requests (206/416) and ETag. The header never
 * leaves the server.
 */
export const SEND_UPLOAD_HEADER = "x-kf-send-upload";

/** A response that makes the server send a stored upload, with these headers. */
export function uploadFileResponse(storedName: string, headers: Record<string, string>): Response {
  if (!storedUploadPath(storedName)) throw new Error(`Ingen uppladdad fil: ${storedName}`);
  return new Response(null, { headers: { ...headers, [SEND_UPLOAD_HEADER]: storedName } });
}

/** `attachment; filename="…"; filename*=UTF-8''…` with an ASCII fallback, safe for any title. */
export function contentDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["\\;]/g, "")
      .trim() || "material";
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
