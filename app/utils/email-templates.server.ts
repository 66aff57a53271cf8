import { env } from "./env.server";

/**
 * Email in Swedish: one small layout that gives every mail a plain-text part and a
 * simple, escaped HTML part with the same content, and a footer naming the site.
 *
 * Unsubscribe: the outbox schema has no column for extra headers, so non-transactional
 * mail carries its one-click unsubscribe link in the body (pass `unsubscribeUrl`)
 * rather than in a List-Unsubscribe header.
 *
 * The templates: account and affiliation mail in account-email-templates.server.ts,
 * forum, registration and invitation mail in forum-email-templates.server.ts; the
 * question to a case's contact person is here.
 */
export const SITE_NAME = "Kommunforum Analytics";

/** `unsubscribeUrl` goes on to the outbox, which sends it as a List-Unsubscribe header. */
export type RenderedEmail = { subject: string; text: string; html: string; unsubscribeUrl?: string };

/**
 * A paragraph of plain text; a link shown as a button in HTML (the mail's main
 * action); or, with `plain`, a sentence with an ordinary link in it, for a
 * secondary action ("Avanmäl dig") that must not look as loud as the main one.
 */
export type EmailBlock = string | { label: string; url: string } | PlainLinkBlock;
export type PlainLinkBlock = { plain: true; before?: string; label: string; after?: string; url: string };

const isPlain = (b: EmailBlock): b is PlainLinkBlock => typeof b !== "string" && "plain" in b;

export type LayoutInput = {
  subject: string;
  /** "Hej Anna!" when given; "Hej!" when empty. */
  name?: string | null;
  blocks: EmailBlock[];
  /** Only for non-transactional mail (newsletters, reminders one can opt out of). */
  unsubscribeUrl?: string;
  /** Defaults to APP_URL. */
  siteUrl?: string;
  /** false when the text greets the reader itself (an organizer's "Hej alla!"): no second greeting. */
  greet?: boolean;
};

/** Whether a text written by a person opens with a greeting of its own ("Hej", "Hejsan", "God morgon", "Kära …"). */
export function opensWithGreeting(text: string): boolean {
  return /^\s*(hej|hejsan|hallå|tjena|god (morgon|dag|eftermiddag|kväll)|kära|bästa|till alla)\b/i.test(text);
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Only http(s) links go into mail; anything else is a programming error. */
function safeUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error(`Otillåten länk i e-post: ${parsed.protocol}`);
  return parsed.toString();
}

export function emailLayout(input: LayoutInput): RenderedEmail {
  const siteUrl = safeUrl(input.siteUrl ?? env().APP_URL);
  const name = input.name?.trim();
  const greeting = input.greet === false ? null : name ? `Hej ${name}!` : "Hej!";
  const blocks = input.blocks.map((b) => (typeof b === "string" ? b : { ...b, url: safeUrl(b.url) }));
  const unsubscribeUrl = input.unsubscribeUrl ? safeUrl(input.unsubscribeUrl) : undefined;

  const textParts = [
    ...(greeting ? [greeting] : []),
    ...blocks.map((b) => (typeof b === "string" ? b : isPlain(b) ? `${b.before ?? ""}${b.label}${b.after ?? ""}\n${b.url}` : `${b.label}:\n${b.url}`)),
  ];
  const textFooter = [`-- `, `${SITE_NAME}`, siteUrl];
  if (unsubscribeUrl) textFooter.push("", `Vill du inte få fler sådana här mejl? Avsluta prenumerationen:\n${unsubscribeUrl}`);
  const text = `${textParts.join("\n\n")}\n\n${textFooter.join("\n")}\n`;

  const p = 'style="margin:0 0 16px;font-size:16px;line-height:1.5"';
  const htmlBlocks = blocks.map((b) =>
    typeof b === "string"
      ? `<p ${p}>${escapeHtml(b).replace(/\n/g, "<br>")}</p>`
      : isPlain(b)
        ? `<p ${p}>${escapeHtml(b.before ?? "")}<a href="${escapeHtml(b.url)}" style="color:#12416b">${escapeHtml(b.label)}</a>${escapeHtml(b.after ?? "")}</p>`
        : `<p ${p}><a href="${escapeHtml(b.url)}" style="display:inline-block;padding:12px 20px;background:#12416b;color:#ffffff;text-decoration:underline;border-radius:4px;font-weight:bold">${escapeHtml(b.label)}</a></p>` +
          `<p style="margin:0 0 16px;font-size:14px;line-height:1.5;color:#3d4550">Fungerar inte knappen? Kopiera länken till webbläsaren:<br>${escapeHtml(b.url)}</p>`,
  );
  const unsubscribe = unsubscribeUrl
    ? `<p style="margin:8px 0 0">Vill du inte få fler sådana här mejl? <a href="${escapeHtml(unsubscribeUrl)}" style="color:#12416b">Avsluta prenumerationen</a>.</p>`
    : "";
  const html = `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(input.subject)}</title></head>
<body style="margin:0;padding:24px;background:#ffffff;color:#1b1f24;font-family:-apple-system,'Segoe UI',Roboto,Arial,sans-serif">
<div style="max-width:600px">
${greeting ? `<p ${p}>${escapeHtml(greeting)}</p>` : ""}
${htmlBlocks.join("\n")}
</div>
<div style="max-width:600px;margin-top:32px;padding-top:16px;border-top:1px solid #c4cad2;font-size:14px;line-height:1.5;color:#3d4550">
<p style="margin:0"><a href="${escapeHtml(siteUrl)}" style="color:#12416b">${SITE_NAME}</a> – där kommuner delar erfarenheter av analys, BI, IoT och AI.</p>
${unsubscribe}
</div>
</body>
</html>
`;
  return { subject: input.subject, text, html, ...(unsubscribeUrl ? { unsubscribeUrl } : {}) };
}

/** "<topic> – Kommunforum Analytics": the subject line of every mail. */
export const subjectFor = (topic: string) => `${topic} – ${SITE_NAME}`;

/**
 * To a case's contact person when a member asks about the case. Sent once per
 * question, as a direct reply channel, so it has no unsubscribe link.
 */
export type CaseQuestionMailInput = {
  caseTitle: string;
  contactName: string;
  askerName: string;
  askerMunicipality: string | null;
  questionTitle: string;
  questionBody: string;
  threadUrl: string;
};

export function caseQuestionTemplate(input: CaseQuestionMailInput): RenderedEmail {
  const asker = input.askerMunicipality ? `${input.askerName} (${input.askerMunicipality})` : input.askerName;
  return emailLayout({
    subject: subjectFor(`Fråga om ert case ”${input.caseTitle}”`),
    name: input.contactName,
    blocks: [
      `${asker} har ställt en fråga om ert case ”${input.caseTitle}” på ${SITE_NAME}. Du står som kontaktperson för caset.`,
      `Rubrik: ${input.questionTitle}`,
      input.questionBody,
      "Frågan finns som en diskussionstråd, så att fler kan ta del av svaret. Svara gärna där.",
      { label: "Läs och svara på frågan", url: input.threadUrl },
      "Är du inte längre rätt kontaktperson? Svara forumansvarig, så ändrar vi uppgiften på caset.",
    ],
  });
}
