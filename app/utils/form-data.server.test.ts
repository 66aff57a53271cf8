import { describe, expect, test } from "vitest";
import { readFormData } from "./form-data.server";

const post = (body: string, contentType?: string) =>
  new Request("http://localhost/", { method: "POST", body, headers: contentType ? { "Content-Type": contentType } : {} });

describe("readFormData", () => {
  test("reads an ordinary form post", async () => {
    const form = await readFormData(post("namn=Anna&kommun=Borl%C3%A4nge", "application/x-www-form-urlencoded"));
    expect(form.get("namn")).toBe("Anna");
    expect(form.get("kommun")).toBe("Borlänge");
  });

  test.each([
    ["no content type", post("")],
    ["JSON", post('{"a":1}', "application/json")],
    ["multipart without boundary", post("--x\r\n", "multipart/form-data")],
    ["cut-off multipart", post('------x\r\nContent-Disposition: form-data; name="f"\r\n\r\nMZ', "multipart/form-data; boundary=----x")],
  ])("answers 400 for %s", async (_name, request) => {
    const thrown = await readFormData(request).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(400);
    expect(await (thrown as Response).text()).toMatch(/Formuläret kunde inte läsas/);
  });

  test("answers 400 with a Swedish message for a NUL character in any field", async () => {
    const thrown = await readFormData(post("namn=Anna&meddelande=hej%00d%C3%A5", "application/x-www-form-urlencoded")).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(400);
    expect(await (thrown as Response).text()).toMatch(/otillåtet tecken/);
  });
});
