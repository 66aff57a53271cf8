import { describe, expect, it } from "vitest";
import { bodyLimitFor, DEFAULT_BODY_LIMIT } from "./body-limit.server";
import { MAX_UPLOAD_BYTES } from "./upload.server";

describe("bodyLimitFor", () => {
  it("gives log-in and account forms a few KB, with a short time to arrive", () => {
    for (const path of ["/logga-in", "/logga-in/tvastegs", "/registrera", "/glomt-losenord", "/aterstall-losenord", "/rosta/DATA7", "/profil/radera", "/inbjudan/avsluta"]) {
      expect(bodyLimitFor(path), path).toMatchObject({ bytes: 16 * 1024, seconds: 15 });
    }
  });

  it("gives the slide upload the upload limit plus room for the form around it", () => {
    const upload = bodyLimitFor("/admin/forum/abc123/inspelning");
    expect(upload.bytes).toBeGreaterThan(MAX_UPLOAD_BYTES);
    expect(upload.bytes).toBeLessThanOrEqual(MAX_UPLOAD_BYTES + 1024 * 1024);
    expect(upload.seconds).toBe(120);
  });

  it("gives long texts 1 MB (100 000 characters, 9 bytes each at worst) and other forms 256 KB", () => {
    for (const path of ["/admin/case/ny", "/admin/case/x1", "/admin/spaningar/ny", "/profil/case/x1", "/admin/forum/ny", "/admin/forum/x1"]) {
      expect(bodyLimitFor(path).bytes, path).toBe(1024 * 1024);
    }
    for (const path of ["/kontakt", "/forum/kommunforum-analytics-nasta", "/diskussioner/ny", "/admin/inkorg/x1", "/admin/forum/x1/anmalningar", "/profil"]) {
      expect(bodyLimitFor(path), path).toBe(DEFAULT_BODY_LIMIT);
    }
    // 20 000 characters of a discussion post, each up to 9 bytes when percent-encoded.
    expect(DEFAULT_BODY_LIMIT.bytes).toBeGreaterThan(20_000 * 9);
  });
});
