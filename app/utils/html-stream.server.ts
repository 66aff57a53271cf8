import { Transform } from "node:stream";

/**
 * React 18.3.1's renderToPipeableStream writes its whole 2,048-byte buffer when a
 * multi-byte character (å, ä, ö) does not fit at the end, unused zero bytes
 * included (react issue 31134, fixed in React 19; Remix 2 stays on 18). A U+0000
 * in a page is a parse error, and inside the hydration data it corrupts the
 * JSON. This stream between React and the response drops every zero byte: a
 * zero byte is never part of another character in UTF-8, and our pages contain
 * no U+0000 of their own (forms refuse it), so nothing else changes.
 */
export function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk);
    },
  });
}
