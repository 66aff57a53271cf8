import { beforeAll, describe, expect, it } from "vitest";
import { MARKDOWN_LIMITS } from "./markdown-limits";
import { renderWithinBudget } from "./markdown-render.server";
import { RENDER_BUDGET_MS } from "./markdown.server";

/**
 * Pathological Markdown at the length limit of each kind of text renders in under
 * 50 ms (ADR 011). marked 18 alone took 6.6 s for 20 kB of "*a_" and overflowed
 * the stack on 2,500 ">". Time is CPU time of this process after a warm-up (so
 * V8's compiler threads are not counted), the best of three runs (up to seven
 * while over the limit): the machine is shared, and a slow run under load says
 * nothing about the renderer.
 */
const LIMIT_MS = 50;

const fill = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

const CORPUS: Record<string, (size: number) => string> = {
  "emphasis *a_": (n) => fill("*a_", n),
  "emphasis _a*": (n) => fill("_a*", n),
  "emphasis **a": (n) => fill("**a", n),
  "emphasis __a": (n) => fill("__a", n),
  "emphasis ***a": (n) => fill("***a", n),
  "emphasis *a (space)": (n) => fill("*a ", n),
  "nested emphasis": (n) => "*_".repeat(Math.floor((n - 1) / 4)) + "a" + "_*".repeat(Math.floor((n - 1) / 4)),
  "strikethrough ~~a": (n) => fill("~~a", n),
  "strikethrough ~a_*": (n) => fill("~a_*", n),
  "quotes >": (n) => fill(">", n),
  "quotes > ": (n) => fill("> ", n),
  "lists - ": (n) => fill("- ", n),
  "lists 1. ": (n) => fill("1. ", n),
  "quote and list": (n) => fill("> - ", n),
  "list by indentation": (n) =>
    Array.from({ length: 400 }, (_, i) => `${" ".repeat(i * 2)}- a`)
      .join("\n")
      .slice(0, n),
  "lazy quote lines": (n) => fill("> a\nb\n", n),
  "many list items": (n) => fill("- a\n", n),
  "brackets [": (n) => fill("[", n),
  "links [a](": (n) => fill("[a](", n),
  "images ![": (n) => fill("![", n),
  "reference [a][": (n) => fill("[a][", n),
  "link references": (n) => fill("[a]: http://x.se\n", n),
  "long link reference": (n) => `[${"a".repeat(Math.floor(n / 2) - 20)}]: /x\n\n[${"a".repeat(Math.floor(n / 2) - 20)}]`,
  "backticks `": (n) => fill("`", n),
  "backtick runs": (n) => fill("`` `a", n),
  "code spans": (n) => fill("`a``b```c", n),
  fences: (n) => fill("```\n", n),
  "tables, wide": (n) => `|${"a|".repeat(Math.floor(n / 4) - 1)}\n|${"-|".repeat(Math.floor(n / 4) - 1)}`,
  "tables, long": (n) => `|a|b|\n|-|-|\n${fill("|x|y|\n", n - 12)}`,
  "html <": (n) => fill("<", n),
  "html <a ": (n) => fill("<a ", n),
  "html comments": (n) => fill("<!--", n),
  "html blocks": (n) => fill("<div>", n),
  backslashes: (n) => fill("\\", n),
  "bare www.": (n) => fill("www.", n),
  "bare http://": (n) => fill("http://", n),
  "address run a.a@": (n) => fill("a.a@b.", n),
  "address run, no @": (n) => fill("a.", n - 6) + "@x.se",
  "entities &#": (n) => fill("&#", n),
  headings: (n) => fill("# a\n", n),
  "setext headings": (n) => fill("a\n===\n", n),
  "hard breaks": (n) => fill("a  \n", n),
  exclamations: (n) => fill("!", n),
  "ordinary text": (n) => fill("Ord och *fetstil* och _kursiv_ och [länk](https://x.se). ", n),
};

function cpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const render = (text: string) => renderWithinBudget(text, { siteOrigin: "http://localhost:3000", budgetMs: RENDER_BUDGET_MS });

describe("rendering pathological Markdown", () => {
  const sizes = [...new Set(Object.values(MARKDOWN_LIMITS))].sort((a, b) => a - b);

  beforeAll(() => {
    for (let round = 0; round < 3; round++) for (const make of Object.values(CORPUS)) render(make(2_000));
  });

  it.each(sizes)(`renders every input of %i characters in under ${LIMIT_MS} ms`, (size) => {
    const times: Array<[string, number]> = [];
    for (const [name, make] of Object.entries(CORPUS)) {
      const text = make(size);
      expect(text.length, name).toBeLessThanOrEqual(size);
      let best = Infinity;
      for (let run = 0; run < 3 || (run < 7 && best >= LIMIT_MS); run++)
        best = Math.min(
          best,
          cpuMs(() => render(text)),
        );
      times.push([name, best]);
    }
    times.sort((a, b) => b[1] - a[1]);
    console.info(
      `${size} tecken, långsammast: ${times
        .slice(0, 5)
        .map(([n, ms]) => `${n} ${ms.toFixed(1)} ms`)
        .join(", ")}`,
    );
    expect(times.filter(([, ms]) => ms >= LIMIT_MS)).toEqual([]);
  });
});
