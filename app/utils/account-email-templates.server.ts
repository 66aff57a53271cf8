import { emailLayout, SITE_NAME, type RenderedEmail } from "./email-templates.server";

/**
 * Account-security and affiliation mail, in the same layout as every other mail
 * (app/utils/email-templates.server.ts). Transactional: no unsubscribe link.
 */
const subjectFor = (topic: string) => `${topic} – ${SITE_NAME}`;

/** To the current address when someone asks to move the account to another one. */
export function emailChangeNoticeTemplate({ name, newEmail, resetUrl }: { name?: string | null; newEmail: string; resetUrl: string }): RenderedEmail {
  return emailLayout({
    subject: subjectFor("Någon vill byta e-postadress för ditt konto"),
    name,
    blocks: [
      `Någon har bett om att byta e-postadressen för ditt konto på ${SITE_NAME} till ${newEmail}. Adressen byts först när länken som skickats till den nya adressen har följts.`,
      "Var det du? Då behöver du inte göra något.",
      "Var det inte du? Byt lösenord direkt, så loggas alla enheter ut och bytet stoppas. Kontakta gärna forumansvarig.",
      { label: "Välj nytt lösenord", url: resetUrl },
    ],
  });
}

/** The organizer approved a member's claim to work for a municipality or organisation. */
export function affiliationApprovedTemplate({ name, affiliation, profileUrl }: { name?: string | null; affiliation: string; profileUrl: string }): RenderedEmail {
  return emailLayout({
    subject: subjectFor("Din tillhörighet är verifierad"),
    name,
    blocks: [
      `Forumansvarig har verifierat att du arbetar i ${affiliation}. Ditt namn visas nu med märket "Verifierad: ${affiliation}", och du kan se och göra er analysmognadsbedömning.`,
      { label: "Till din profil", url: profileUrl },
    ],
  });
}

/** The organizer could not approve the claim; the reason is the organizer's own words. */
export function affiliationRejectedTemplate({ name, affiliation, reason, profileUrl }: { name?: string | null; affiliation: string; reason: string; profileUrl: string }): RenderedEmail {
  return emailLayout({
    subject: subjectFor("Din tillhörighet kunde inte verifieras"),
    name,
    blocks: [
      `Forumansvarig kunde inte verifiera att du arbetar i ${affiliation}.`,
      `Skäl: ${reason}`,
      "Du kan fortfarande läsa och skriva i diskussionerna. Har du en e-postadress i jobbet? Byt till den på din profilsida, så verifieras du direkt om adressen hör till organisationen. Tror du att det är fel, skriv till forumansvarig via kontaktsidan.",
      { label: "Till din profil", url: profileUrl },
    ],
  });
}
