import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_DESCRIPTIONS, describeAudit, GONE, type AuditPart, type AuditRefs } from "./audit-text";

// Every action name the code records, read from the source: each recordAudit(…) call's
// `action`. A literal (or the literals of a ?: choice) counts as is; a computed action
// must be listed in COMPUTED below, so a new one fails here until it has a description.
const APP = path.resolve(__dirname, "..");
const ACTION_NAME = /"([a-z]+(?:\.[a-z]+)+)"/g;
const literals = (text: string) => [...text.matchAll(ACTION_NAME)].map((m) => m[1]!);

/** Computed `action` expressions, by their exact source text, and how to expand them from their file. */
const COMPUTED: Record<string, (source: string) => string[]> = {
  // library.server.ts: setLibraryStatus("case" | "article", …, "draft" | "published")
  '`${kind}.${status === "published" ? "publish" : "unpublish"}`': () => ["case.publish", "case.unpublish", "article.publish", "article.unpublish"],
  // moderation.server.ts: the ThreadFlagChange union
  "`thread.${change}`": (source) =>
    /type ThreadFlagChange = ([^;]+);/
      .exec(source)![1]!
      .match(/"(\w+)"/g)!
      .map((c) => `thread.${c.slice(1, -1)}`),
  // poll-admin.server.ts: the STATE_ACTIONS table
  "STATE_ACTIONS[to]": (source) => literals(/const STATE_ACTIONS[^\n]+/.exec(source)![0]),
  // contact.server.ts: audit(tx, actorId, id, "contact.…") forwards its action
  action: (source) => literals([...source.matchAll(/await audit\([^)]*\)/g)].join("\n")),
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The text of `action`'s value in one recordAudit call, up to the next top-level "," or "}". */
function actionExpression(call: string): string | null {
  const m = /[{,]\s*action\b\s*(:)?/.exec(call);
  if (!m) return null;
  if (!m[1]) return "action"; // shorthand
  let depth = 0;
  let inTemplate = false;
  let i = m.index + m[0].length;
  const start = i;
  for (; i < call.length; i++) {
    const c = call[i]!;
    if (c === "`") inTemplate = !inTemplate;
    else if (c === "{" || c === "(" || c === "[") depth++;
    else if (c === "}" || c === ")" || c === "]") {
      if (depth === 0 && !inTemplate) break;
      depth--;
    } else if (c === "," && depth === 0 && !inTemplate) break;
  }
  return call.slice(start, i).trim();
}

function recordedActions(): { actions: Set<string>; unknown: string[] } {
  const actions = new Set<string>();
  const unknown: string[] = [];
  for (const file of sourceFiles(APP)) {
    const source = fs.readFileSync(file, "utf8");
    for (const m of source.matchAll(/recordAudit\((?!db: Db)/g)) {
      const call = source.slice(m.index, m.index + 600);
      const expr = actionExpression(call);
      if (!expr) continue;
      const expand = COMPUTED[expr];
      const names = expr.startsWith('"') || (expr.includes("?") && !expr.startsWith("`")) ? literals(expr) : expand ? expand(source) : [];
      if (!names.length) unknown.push(`${path.relative(APP, file)}: ${expr}`);
      names.forEach((n) => actions.add(n));
    }
  }
  return { actions, unknown };
}

const plain = (parts: AuditPart[]) => parts.map((p) => (typeof p === "string" ? p : p.name)).join("");
const refs: AuditRefs = Object.fromEntries(
  (["forum", "thread", "post", "into", "case", "article", "poll", "person", "message", "item", "from", "to"] as const).map((k) => [
    k,
    { name: `<${k}>`, href: `/${k}` },
  ]),
);

describe("the audit log in Swedish", () => {
  const { actions, unknown } = recordedActions();

  it("finds the actions the code records, and every computed one is understood", () => {
    expect(unknown).toEqual([]);
    expect(actions.size).toBeGreaterThan(60);
    expect([...actions]).toEqual(
      expect.arrayContaining(["post.hide", "registration.cancel", "thread.unpin", "poll.close", "contact.assign", "article.unpublish"]),
    );
  });

  it("describes every recorded action in Swedish, without its raw name", () => {
    const missing = [...actions].filter((a) => !Object.hasOwn(AUDIT_DESCRIPTIONS, a));
    expect(missing).toEqual([]);
    for (const action of actions) {
      const sentence = plain(describeAudit({ action, entityId: "kommun.se", detail: { from: "member", to: "moderator", recipients: 3 } }, refs));
      expect(sentence, action).not.toContain(action);
      expect(sentence, action).not.toMatch(/undefined|null|\[object|[{}]/);
      expect(sentence, action).toMatch(/^[a-zåäö]/);
    }
  });

  it("has no description for an action the code no longer records", () => {
    expect(Object.keys(AUDIT_DESCRIPTIONS).filter((a) => !actions.has(a))).toEqual([]);
  });

  it("names and links what the entry concerns, and a record that is gone", () => {
    const parts = describeAudit(
      { action: "post.hide", entityId: "p1", detail: { reason: "spam" } },
      { post: { name: "ett inlägg", href: "/d/t#inlagg-p1" }, thread: { name: "”Hur kom ni igång…”", href: "/d/t" } },
    );
    expect(plain(parts)).toBe("dolde ett inlägg i ”Hur kom ni igång…”");
    expect(parts.filter((p) => typeof p !== "string")).toEqual([
      { name: "ett inlägg", href: "/d/t#inlagg-p1" },
      { name: "”Hur kom ni igång…”", href: "/d/t" },
    ]);
    expect(plain(describeAudit({ action: "registration.cancel", entityId: "r1", detail: {} }, { person: { name: "Eva Ek", href: "/g" } }))).toBe(
      `avbokade Eva Ek från ${GONE}`,
    );
    expect(plain(describeAudit({ action: "user.role", entityId: "u", detail: { from: "member", to: "organizer" } }, refs))).toBe(
      "ändrade rollen för <person> från medlem till arrangör",
    );
  });

  it("falls back to a Swedish sentence for an unknown action, never its name", () => {
    expect(plain(describeAudit({ action: "widget.frobnicate", entityId: null, detail: {} }, {}))).toBe("gjorde en ändring");
    expect(plain(describeAudit({ action: "widget.frobnicate", entityId: null, detail: {} }, { forum: { name: "”Forum”", href: "/f" } }))).toBe(
      "gjorde en ändring som gäller ”Forum”",
    );
    expect(plain(describeAudit({ action: "toString", entityId: null, detail: {} }, {}))).toBe("gjorde en ändring");
  });
});
