import fs from "node:fs/promises";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { storedUploadPath } from "./upload.server";

/**
 * Sends a stored upload (a loader's uploadFileResponse) at the pace the client
 * reads: one 64 KB buffer per download, filled from the file again only once the
 * socket has taken the last one ("drain"). A client that stops reading holds
 * that buffer and nothing more; fs streams allocate a new buffer for every read,
 * and 80 stalled downloads then churned through some 50 MB before the garbage
 * collector caught up. Answers single byte ranges with 206, an impossible range
 * with 416, and conditional requests with 304 (ETag, Last-Modified, If-Range).
 */
const CHUNK = 64 * 1024;
const text = "text/plain; charset=utf-8";

export async function sendUpload(req: ExpressRequest, res: ExpressResponse, storedName: string): Promise<void> {
  const full = storedUploadPath(storedName);
  const handle = full ? await fs.open(full, "r").catch(() => null) : null;
  if (!handle) {
    res.status(404).type(text).send("Filen finns inte.");
    return;
  }
  try {
    const { size, mtime } = await handle.stat();
    const etag = `"${size.toString(16)}-${Math.floor(mtime.getTime()).toString(16)}"`;
    const lastModified = mtime.toUTCString();
    res.setHeader("Accept-Ranges", "bytes");
    res.setHeader("ETag", etag);
    res.setHeader("Last-Modified", lastModified);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    // If-Range: the range only if the client's copy is this one; else the whole file.
    const ifRange = req.get("if-range");
    const ranges = !ifRange || ifRange === etag || ifRange === lastModified ? req.range(size, { combine: true }) : undefined;
    if (ranges === -1) {
      res
        .status(416)
        .set({ "Content-Range": `bytes */${size}`, "Content-Type": text })
        .send("Den begärda delen av filen finns inte.");
      return;
    }
    let [start, end] = [0, size - 1];
    // One range; a malformed header (-2) or several ranges get the whole file, as RFC 9110 allows.
    if (Array.isArray(ranges) && ranges.type === "bytes" && ranges.length === 1) {
      [start, end] = [ranges[0]!.start, ranges[0]!.end];
      res.status(206).setHeader("Content-Range", `bytes ${start}-${end}/${size}`);
    }
    res.setHeader("Content-Length", String(end - start + 1));
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    await copyRange(handle, res, start, end);
  } finally {
    await handle.close();
  }
}

async function copyRange(handle: fs.FileHandle, res: ExpressResponse, start: number, end: number) {
  let buffer = Buffer.allocUnsafe(CHUNK);
  let wake: (() => void) | null = null;
  const resume = () => {
    const waiting = wake;
    wake = null;
    waiting?.();
  };
  res.on("drain", resume);
  res.on("close", resume);
  try {
    for (let position = start; position <= end;) {
      if (res.destroyed) return;
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, end - position + 1), position);
      if (bytesRead === 0 || res.destroyed) break;
      position += bytesRead;
      if (res.write(buffer.subarray(0, bytesRead))) {
        // Taken without filling the socket's buffer, but maybe still queued: do not overwrite it.
        buffer = Buffer.allocUnsafe(CHUNK);
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
    if (!res.destroyed) res.end();
  } finally {
    res.off("drain", resume);
    res.off("close", resume);
  }
}
