import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkMaterialFile, contentDisposition, MAX_UPLOAD_BYTES, readMultipartForm, storedUploadPath, storeUpload, uploadsDir } from "./upload.server";

const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(100, 0x20)]);
const pptx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(100)]);

function multipart(fileName: string, bytes: Buffer) {
  const boundary = "----kf-test-boundary";
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="fileTitle"\r\n\r\nBilder\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="materialFile"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return new Request("http://localhost/admin/forum/x/inspelning", {
    method: "POST",
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    body,
  });
}

describe("checkMaterialFile", () => {
  it("accepts a PDF and a PPTX whose first bytes match their names", () => {
    expect(checkMaterialFile("Borlänge.pdf", pdf)).toMatchObject({ ok: true, ext: "pdf", mimeType: "application/pdf" });
    expect(checkMaterialFile("bilder.PPTX", pptx)).toMatchObject({ ok: true, ext: "pptx" });
  });

  it("refuses a renamed .exe, a PDF named .pptx, other types and empty files", () => {
    expect(checkMaterialFile("bilder.pdf", exe)).toMatchObject({ ok: false, message: expect.stringMatching(/inte en PDF/) });
    expect(checkMaterialFile("bilder.pptx", exe)).toMatchObject({ ok: false });
    expect(checkMaterialFile("bilder.pptx", pdf)).toMatchObject({ ok: false });
    expect(checkMaterialFile("program.exe", exe)).toMatchObject({ ok: false, message: expect.stringMatching(/Bara PDF/) });
    expect(checkMaterialFile("bilder.pdf.exe", pdf)).toMatchObject({ ok: false });
    expect(checkMaterialFile("bilder.pdf", Buffer.alloc(0))).toMatchObject({ ok: false, message: expect.stringMatching(/tom/) });
  });

  it("refuses more than 20 MB", () => {
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x20);
    pdf.copy(big);
    expect(checkMaterialFile("stor.pdf", big)).toMatchObject({ ok: false, message: expect.stringMatching(/20 MB/) });
  });
});

describe("readMultipartForm", () => {
  it("reads a small upload", async () => {
    const result = await readMultipartForm(multipart("a.pdf", pdf));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const file = result.formData.get("materialFile") as File;
    expect(file.name).toBe("a.pdf");
    expect(file.size).toBe(pdf.length);
  });

  it("answers a file over 20 MB with a Swedish message instead of throwing", async () => {
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 10, 0x20);
    const result = await readMultipartForm(multipart("stor.pdf", big));
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/större än 20 MB/) });
  });
});

describe("stored files", () => {
  it("stores under a random name in DATA_DIR/uploads and resolves only names it made", async () => {
    const name = await storeUpload(pdf, "pdf");
    expect(name).toMatch(/^[a-f0-9]{32}\.pdf$/);
    expect(fs.readFileSync(path.join(uploadsDir(), name))).toEqual(pdf);
    expect(storedUploadPath(name)).toBe(path.join(uploadsDir(), name));
    for (const bad of ["../../etc/passwd", `../${name}`, "a.pdf", `${name}/..`, `${"a".repeat(32)}.exe`, ""]) {
      expect(storedUploadPath(bad), bad).toBeNull();
    }
    fs.rmSync(path.join(uploadsDir(), name));
  });

  it("names the download safely for any title", () => {
    expect(contentDisposition("Borlänges bilder.pdf")).toBe(`attachment; filename="Borlanges bilder.pdf"; filename*=UTF-8''Borl%C3%A4nges%20bilder.pdf`);
    expect(contentDisposition('a"\r\nX-Evil: 1;.pdf')).not.toMatch(/[\r\n]/);
  });
});
