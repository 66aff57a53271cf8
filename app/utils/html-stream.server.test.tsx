import { PassThrough, type Transform } from "node:stream";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { withoutNulBytes } from "./html-stream.server";

// Texts of 600 two-byte characters after tags of odd length: the second one reaches the
// end of React's 2,048-byte buffer with one byte left, where an "å" does not fit.
const page = (
  <ul>
    {Array.from({ length: 6 }, (_, i) => (
      <li key={i}>{"å".repeat(600)}</li>
    ))}
  </ul>
);

function render(through: Transform): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    through.on("data", (c: Buffer) => chunks.push(c));
    through.on("end", () => resolve(Buffer.concat(chunks)));
    const { pipe } = renderToPipeableStream(page, { onAllReady: () => pipe(through), onShellError: reject });
  });
}

describe("the HTML stream", () => {
  it("React 18.3.1 itself writes zero bytes into such a page (react issue 31134)", async () => {
    // When this fails, React no longer has the bug, and withoutNulBytes can go.
    expect((await render(new PassThrough())).includes(0)).toBe(true);
  });

  it("through withoutNulBytes the page has no zero byte and is exactly what React meant to write", async () => {
    const html = await render(withoutNulBytes());
    expect(html.includes(0)).toBe(false);
    expect(html.toString("utf8")).toBe(renderToString(page));
  });
});
