import fs from "node:fs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getMaterialFile } from "~/models/recording.server";
import { getOptionalUser, hasRole } from "~/models/auth.server";
import { contentDisposition, storedUploadPath, uploadFileResponse } from "~/utils/upload.server";
import { notFound, requireParam } from "~/utils/http.server";

/**
 * Downloads an uploaded slide file. Always as an attachment with its real type and
 * nosniff, so a file can never be rendered as a page on our origin. The stored
 * name is random and checked; nothing from the URL reaches the file system.
 * The server sends the file itself (uploadFileResponse): at the pace the client
 * reads, with range requests.
 * X-Content-Type-Options: nosniff comes from helmet in server.js for every response
 * (setting it here too would send it twice); the e2e journey checks it arrives.
 */
const NO_FILE = "Filen finns inte.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = requireParam(params, "id", "cuid", NO_FILE);
  const user = await getOptionalUser(request);
  const material = await getMaterialFile(id, { allowUnpublished: Boolean(user && hasRole(user, "organizer")) });
  const full = material?.filePath ? storedUploadPath(material.filePath) : null;
  if (!material?.filePath || !full || !material.mimeType || !fs.existsSync(full)) throw notFound(NO_FILE);
  const ext = full.endsWith(".pptx") ? "pptx" : "pdf";
  return uploadFileResponse(material.filePath, {
    "Content-Type": material.mimeType,
    "Content-Disposition": contentDisposition(`${material.title}.${ext}`),
    "Cache-Control": "private, max-age=300",
  });
}
