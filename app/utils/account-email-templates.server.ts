import { emailLayout, SITE_NAME, subjectFor, type RenderedEmail } from "./email-templates.server";

/**
 * Account, account-security and affiliation mail, in the same layout as every other
 * mail (app/utils/email-templates.server.ts). Transactional: no unsubscribe link.
 */

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
export function affiliationApprovedTemplate({
  name,
  affiliation,
  profileUrl,
}: {
  name?: string | null;
  affiliation: string;
  profileUrl: string;
}): RenderedEmail {
  return emailLayout({
    subject: subjectFor("Din tillhörighet är verifierad"),
    name,
    blocks: [
      `Forumansvarig har verifierat att du arbetar i ${affiliation}. Ditt namn visas nu med märket ”Verifierad: ${affiliation}”, och du kan se och göra er analysmognadsbedömning.`,
      { label: "Till din profil", url: profileUrl },
    ],
  });
}

/** The organizer could not approve the claim; the reason is the organizer's own words. */
export function affiliationRejectedTemplate({
  name,
  affiliation,
  reason,
  profileUrl,
}: {
  name?: string | null;
  affiliation: string;
  reason: string;
  profileUrl: string;
}): RenderedEmail {
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
