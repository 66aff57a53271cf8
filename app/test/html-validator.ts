// The W3C Nu HTML Checker (npm package vnu-jar, run with Java 17 or later) over
// pages a test fetched: one Java start for all of them.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const VNU_JAR = path.join(ROOT, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

export type Page = { url: string; html: Buffer };

type VnuMessage = { type: string; subType?: string; url: string; lastLine?: number; firstColumn?: number; message: string; extract?: string };

/** Every error the checker reports, as "url line:column message «extract»" lines. */
export async function htmlErrors(pages: Page[], name: string): Promise<string[]> {
  const dir = path.join(ROOT, ".tmp", `vnu-${name}-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const urlOf = new Map<string, string>();
  pages.forEach((page, i) => {
    const file = path.join(dir, `${String(i).padStart(4, "0")}.html`);
    fs.writeFileSync(file, page.html);
    urlOf.set(`file:${file}`, page.url);
  });
  try {
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        "java",
        ["-Xss2m", "-jar", VNU_JAR, "--errors-only", "--exit-zero-always", "--format", "json", "--stdout", dir],
        { maxBuffer: 64 * 1024 * 1024 },
        (error, stdout) => (error ? reject(new Error(`vnu kunde inte köras (behöver Java 17 eller senare på PATH): ${error.message}`)) : resolve(stdout)),
      ),
    );
    const { messages } = JSON.parse(output) as { messages: VnuMessage[] };
    return messages
      .filter((m) => m.type === "error" || m.subType === "fatal")
      .map(
        (m) =>
          `${urlOf.get(m.url) ?? m.url} ${m.lastLine ?? "?"}:${m.firstColumn ?? "?"} ${m.message}${m.extract ? ` «${m.extract.trim().slice(0, 120)}»` : ""}`,
      );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
