import { env } from "./env.server";
import { formatDateTime } from "./format";

/**
 * Email in Swedish: one small layout that gives every mail a plain-text part and a
 * simple, escaped HTML part with the same content, and a footer naming the site.
 *
 * Unsubscribe: the outbox schema has no column for extra headers, so non-transactional
 * mail carries its one-click unsubscribe link in the body (pass `unsubscribeUrl`)
 * rather than in a List-Unsubscribe header.
 */

export const SITE_NAME = "Kommunforum Analytics";

/** `unsubscribeUrl` goes on to the outbox, which sends it as a List-Unsubscribe header. */
export type RenderedEmail = { subject: string; text: string; html: string; unsubscribeUrl?: string };

/** A paragraph of plain text, or a link shown as a button in HTML. */
export type EmailBlock = string | { label: string; url: string };

export type LayoutInput = {
  subject: string;
  /** "Hej Anna!" when given; "Hej!" when empty. */
  name?: string | null;
  blocks: EmailBlock[];
  /** Only for non-transactional mail (newsletters, reminders one can opt out of). */
  unsubscribeUrl?: string;
  /** Defaults to APP_URL. */
  siteUrl?: string;
};

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
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
  const greeting = name ? `Hej ${name}!` : "Hej!";
  const blocks = input.blocks.map((b) => (typeof b === "string" ? b : { label: b.label, url: safeUrl(b.url) }));
  const unsubscribeUrl = input.unsubscribeUrl ? safeUrl(input.unsubscribeUrl) : undefined;

  const textParts = [greeting, ...blocks.map((b) => (typeof b === "string" ? b : `${b.label}:\n${b.url}`))];
  const textFooter = [`-- `, `${SITE_NAME}`, siteUrl];
  if (unsubscribeUrl) textFooter.push("", `Vill du inte få fler sådana här mejl? Avsluta prenumerationen:\n${unsubscribeUrl}`);
  const text = `${textParts.join("\n\n")}\n\n${textFooter.join("\n")}\n`;

  const p = 'style="margin:0 0 16px;font-size:16px;line-height:1.5"';
  const htmlBlocks = blocks.map((b) =>
    typeof b === "string"
      ? `<p ${p}>${escapeHtml(b).replace(/\n/g, "<br>")}</p>`
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
<p ${p}>${escapeHtml(greeting)}</p>
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

const subjectFor = (topic: string) => `${topic} – ${SITE_NAME}`;

export function verifyEmailTemplate({ name, url, validHours = 24 }: { name?: string | null; url: string; validHours?: number }): RenderedEmail {
  return emailLayout({
    subject: subjectFor("Bekräfta din e-postadress"),
    name,
    blocks: [
      `Du har skapat ett konto på ${SITE_NAME}. Bekräfta att e-postadressen är din, så kan du börja använda kontot.`,
      { label: "Bekräfta e-postadressen", url },
      `Länken gäller i ${hours(validHours)}.`,
      "Har du inte skapat något konto? Då kan du bortse från det här mejlet.",
    ],
  });
}

export function resetPasswordTemplate({ name, url, validMinutes = 60 }: { name?: string | null; url: string; validMinutes?: number }): RenderedEmail {
  return emailLayout({
    subject: subjectFor("Välj ett nytt lösenord"),
    name,
    blocks: [
      `Vi har fått en begäran om att byta lösenord för ditt konto på ${SITE_NAME}. Välj ett nytt lösenord med länken nedan.`,
      { label: "Välj nytt lösenord", url },
      `Länken gäller i ${validMinutes % 60 === 0 ? hours(validMinutes / 60) : `${validMinutes} minuter`} och kan bara användas en gång.`,
      "Har du inte bett om att byta lösenord? Då behöver du inte göra något. Ditt lösenord är oförändrat.",
    ],
  });
}

/** Sent instead of a verification mail when someone signs up with an address that already has an account. */
export function accountExistsTemplate({ name, loginUrl, resetUrl }: { name?: string | null; loginUrl: string; resetUrl: string }): RenderedEmail {
  return emailLayout({
    subject: subjectFor("Du har redan ett konto"),
    name,
    blocks: [
      `Någon försökte skapa ett nytt konto på ${SITE_NAME} med den här e-postadressen. Du har redan ett konto, så inget nytt konto skapades.`,
      { label: "Logga in", url: loginUrl },
      "Har du glömt ditt lösenord? Då kan du välja ett nytt.",
      { label: "Välj nytt lösenord", url: resetUrl },
      "Var det inte du som försökte skapa kontot? Då kan du bortse från det här mejlet.",
    ],
  });
}

function hours(n: number) {
  return n === 1 ? "1 timme" : `${n} timmar`;
}

/** Sent to a new address a member wants to use; the change happens when the link is followed. */
export function changeEmailTemplate({ name, url, validHours = 24 }: { name?: string | null; url: string; validHours?: number }): RenderedEmail {
  return emailLayout({
    subject: subjectFor("Bekräfta din nya e-postadress"),
    name,
    blocks: [
      `Du har bett om att byta e-postadress för ditt konto på ${SITE_NAME} till den här adressen. Bekräfta bytet med länken nedan.`,
      { label: "Bekräfta den nya adressen", url },
      `Länken gäller i ${hours(validHours)}. Fram till dess gäller din gamla adress.`,
      "Har du inte bett om något byte? Då kan du bortse från det här mejlet.",
    ],
  });
}

/** To everyone confirmed or waitlisted when the organizer cancels a forum. Transactional: no unsubscribe link. */
export function eventCancelledTemplate({
  name,
  eventTitle,
  startsAt,
  forumUrl,
}: {
  name?: string | null;
  eventTitle: string;
  startsAt: Date;
  forumUrl: string;
}): RenderedEmail {
  return emailLayout({
    subject: subjectFor(`Inställt: ${eventTitle}`),
    name,
    blocks: [
      `Forumet ${eventTitle}, ${formatDateTime(startsAt)}, är inställt. Du var anmäld eller stod på väntelistan, därför får du det här mejlet.`,
      "Du behöver inte göra något. Om forumet får ett nytt datum publiceras det på webbplatsen.",
      { label: "Se kommande forum", url: forumUrl },
    ],
  });
}

// ---------------------------------------------------------------------------
// Forum registration and the invitation list
// ---------------------------------------------------------------------------

export type EventMailInfo = { title: string; when: string; place: string; eventUrl: string };

const eventFacts = (e: EventMailInfo) => `${e.title}\n${e.when}\n${e.place}`;

/** Confirmed seat: the only mail (with the registrant's own page) that carries the join link. */
export function registrationConfirmedTemplate({
  name,
  event,
  joinUrl,
  pageUrl,
  cancelUrl,
  promoted = false,
}: {
  name: string;
  event: EventMailInfo;
  joinUrl: string | null;
  pageUrl: string;
  cancelUrl: string;
  promoted?: boolean;
}): RenderedEmail {
  return emailLayout({
    subject: subjectFor(promoted ? `Du har fått en plats: ${event.title}` : `Du är anmäld: ${event.title}`),
    name,
    blocks: [
      promoted
        ? "En plats blev ledig och du har flyttats från väntelistan. Du har nu en plats på forumet."
        : "Tack för din anmälan! Du har en plats på forumet.",
      eventFacts(event),
      joinUrl ? { label: "Länk till webbinariet", url: joinUrl } : "Länken till webbinariet skickas till dig före forumet.",
      "Lägg in forumet i din kalender med den bifogade kalenderfilen (.ics).",
      { label: "Se din anmälan", url: pageUrl },
      "Kan du inte komma? Avanmäl dig, så går platsen till någon på väntelistan.",
      { label: "Avanmäl dig", url: cancelUrl },
    ],
  });
}

export function registrationWaitlistedTemplate({
  name,
  event,
  position,
  pageUrl,
  cancelUrl,
}: {
  name: string;
  event: EventMailInfo;
  position: number;
  pageUrl: string;
  cancelUrl: string;
}): RenderedEmail {
  return emailLayout({
    subject: subjectFor(`Du står på väntelistan: ${event.title}`),
    name,
    blocks: [
      `Forumet är fullbokat, så du står på väntelistan. Du är nummer ${position} i kön.`,
      eventFacts(event),
      "Om en plats blir ledig flyttas du upp automatiskt och får ett mejl med länken till webbinariet.",
      "Den bifogade kalenderfilen (.ics) hjälper dig att hålla tiden ledig.",
      { label: "Se din plats i kön", url: pageUrl },
      "Vill du inte stå kvar i kön?",
      { label: "Avanmäl dig", url: cancelUrl },
    ],
  });
}

/**
 * To an address someone typed into the registration form, before it is proven: a
 * neutral greeting and nothing else from the form (no name, title or organisation).
 */
export function registrationConfirmRequestTemplate({ event, url, validUntil }: { event: EventMailInfo; url: string; validUntil: Date }): RenderedEmail {
  return emailLayout({
    subject: subjectFor(`Bekräfta din anmälan: ${event.title}`),
    blocks: [
      "Den här e-postadressen har anmälts till forumet nedan. Bekräfta anmälan, så får du en plats eller en plats på väntelistan.",
      eventFacts(event),
      { label: "Bekräfta anmälan", url },
      `Länken gäller till ${formatDateTime(validUntil)}. Bekräftar du inte före dess tas anmälan bort.`,
      "Har du inte anmält dig? Då kan du bortse från det här mejlet. Ingen plats är tagen i ditt namn.",
    ],
  });
}

/** When the form is sent again for an address that is already registered: the links, and nothing from the form. */
export function registrationLinksTemplate({ event, pageUrl, cancelUrl }: { event: EventMailInfo; pageUrl: string; cancelUrl: string }): RenderedEmail {
  return emailLayout({
    subject: subjectFor(`Länkar till din anmälan: ${event.title}`),
    blocks: [
      "Någon anmälde den här e-postadressen till forumet igen. Du är redan anmäld, så inget har ändrats. Här är länkarna till din anmälan.",
      eventFacts(event),
      { label: "Se din anmälan", url: pageUrl },
      { label: "Avanmäl dig", url: cancelUrl },
    ],
  });
}

export function registrationCancelledTemplate({ name, event }: { name: string; event: EventMailInfo }): RenderedEmail {
  return emailLayout({
    subject: subjectFor(`Du är avanmäld: ${event.title}`),
    name,
    blocks: [`Din anmälan till forumet är borttagen.`, eventFacts(event), "Ändrar du dig? Anmäl dig igen på forumets sida om det finns plats.", { label: "Till forumet", url: event.eventUrl }],
  });
}

/** A reminder the day before, to confirmed registrants. */
export function eventReminderTemplate({
  name,
  event,
  joinUrl,
  cancelUrl,
}: {
  name: string;
  event: EventMailInfo;
  joinUrl: string | null;
  cancelUrl: string;
}): RenderedEmail {
  return emailLayout({
    subject: subjectFor(`Påminnelse: ${event.title}`),
    name,
    blocks: [
      "Välkommen till forumet! Här är en påminnelse.",
      eventFacts(event),
      joinUrl ? { label: "Länk till webbinariet", url: joinUrl } : "Länken till webbinariet kommer i ett eget mejl.",
      "Kan du inte komma? Avanmäl dig, så går platsen till någon annan.",
      { label: "Avanmäl dig", url: cancelUrl },
    ],
  });
}

/** A message from the organizer to everyone with a seat. */
export function organizerMessageTemplate({
  name,
  event,
  subject,
  body,
  pageUrl,
}: {
  name: string;
  event: EventMailInfo;
  subject: string;
  body: string;
  pageUrl: string;
}): RenderedEmail {
  return emailLayout({
    subject: subjectFor(`${subject} (${event.title})`),
    name,
    blocks: [body, `Du får det här mejlet för att du är anmäld till ${event.title}, ${event.when}.`, { label: "Se din anmälan", url: pageUrl }],
  });
}

export function confirmInvitationsTemplate({ name, url }: { name?: string | null; url: string }): RenderedEmail {
  return emailLayout({
    subject: subjectFor("Bekräfta att du vill få inbjudningar"),
    name,
    blocks: [
      `Du har bett om att få inbjudningar till kommande forum på ${SITE_NAME}. Bekräfta med länken nedan.`,
      { label: "Ja, skicka inbjudningar till mig", url },
      "Länken gäller i 7 dagar. Har du inte bett om inbjudningar? Då kan du bortse från det här mejlet; vi skickar inget mer.",
    ],
  });
}

export function invitationTemplate({ name, event, unsubscribeUrl }: { name?: string | null; event: EventMailInfo & { summary: string }; unsubscribeUrl: string }): RenderedEmail {
  return emailLayout({
    subject: subjectFor(`Inbjudan: ${event.title}`),
    name,
    blocks: [
      "Välkommen till nästa Kommunforum Analytics, där kommuner delar erfarenheter av analys, BI, IoT och AI.",
      eventFacts(event),
      ...(event.summary ? [event.summary] : []),
      { label: "Läs mer och anmäl dig", url: `${event.eventUrl}#anmalan` },
    ],
    unsubscribeUrl,
  });
}

/**
 * To a case's contact person when a member asks about the case. Sent once per
 * question, as a direct reply channel, so it has no unsubscribe link.
 */
export function caseQuestionTemplate(input: {
  caseTitle: string;
  contactName: string;
  askerName: string;
  askerMunicipality: string | null;
  questionTitle: string;
  questionBody: string;
  threadUrl: string;
}): RenderedEmail {
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
