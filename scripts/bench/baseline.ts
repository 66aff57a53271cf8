// The baseline: a bare node:http server in its own process (so it does not share
// an event loop with autocannon) sending the exact bytes the app sent.
import fs from "node:fs";
import path from "node:path";
import { BASELINE_PORT, TMP } from "./config";
import type { Page } from "./pages";
import { startProcess } from "./processes";

const BASELINE_SERVER = `
import fs from "node:fs";
import http from "node:http";
const pages = JSON.parse(fs.readFileSync(process.env.BASELINE_FILE, "utf8"));
for (const page of Object.values(pages)) page.body = Buffer.from(page.body, "base64");
http.createServer((req, res) => {
  const page = pages[req.url];
  if (!page) { res.writeHead(404).end(); return; }
  res.writeHead(200, { "content-type": page.contentType, "content-length": page.body.length });
  res.end(page.body);
}).listen(Number(process.env.BASELINE_PORT), "127.0.0.1");
process.on("SIGTERM", () => process.exit(0));
`;

export function startBaseline(pages: Page[]) {
  const file = path.join(TMP, "bench-baseline.json");
  fs.writeFileSync(file, JSON.stringify(Object.fromEntries(pages.map((p) => [p.path, { contentType: p.contentType, body: p.body.toString("base64") }]))));
  return startProcess("baseline", process.execPath, ["--input-type=module", "-e", BASELINE_SERVER], BASELINE_PORT, {
    BASELINE_FILE: file,
    BASELINE_PORT: String(BASELINE_PORT),
  });
}
