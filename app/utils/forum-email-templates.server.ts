import { formatDateTime } from "./format";
import { emailLayout, opensWithGreeting, SITE_NAME, subjectFor, type RenderedEmail } from "./email-templates.server";

/**
 * Forum mail, in the same layout as every other mail (email-templates.server.ts):
 * a cancelled forum, registration (the seat, the waitlist, the confirmation link,
 * cancelling, the reminder, the organizer's message) and the invitation list.
 */

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
      { plain: true, before: "Kan du inte komma? ", label: "Avanmäl dig", after: ", så går platsen till någon på väntelistan.", url: cancelUrl },
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
      { plain: true, before: "Vill du inte stå kvar i kön? ", label: "Avanmäl dig", after: ".", url: cancelUrl },
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
      { plain: true, before: "Kan du inte komma? ", label: "Avanmäl dig", after: ".", url: cancelUrl },
    ],
  });
}

export function registrationCancelledTemplate({ name, event }: { name: string; event: EventMailInfo }): RenderedEmail {
  return emailLayout({
    subject: subjectFor(`Du är avanmäld: ${event.title}`),
    name,
    blocks: [
      `Din anmälan till forumet är borttagen.`,
      eventFacts(event),
      "Ändrar du dig? Anmäl dig igen på forumets sida om det finns plats.",
      { label: "Till forumet", url: event.eventUrl },
    ],
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
      { plain: true, before: "Kan du inte komma? ", label: "Avanmäl dig", after: ", så går platsen till någon annan.", url: cancelUrl },
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
    // The organizer's own "Hej alla!" is the greeting; the template adds none before it.
    greet: !opensWithGreeting(body),
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

export function invitationTemplate({
  name,
  event,
  unsubscribeUrl,
}: {
  name?: string | null;
  event: EventMailInfo & { summary: string };
  unsubscribeUrl: string;
}): RenderedEmail {
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
