/**
 * "Verifierad: Borlänge kommun": beside a member's name on the profile, on posts
 * and in a municipality's member list, when the member's affiliation is verified
 * (docs/decisions/012-verified-affiliation.md). Nothing for anyone else.
 */
export function VerifiedBadge({ affiliation }: { affiliation: string | null | undefined }) {
  if (!affiliation) return null;
  return (
    <span className="badge badge--verified">
      <svg className="badge__icon" aria-hidden="true" focusable="false" width="12" height="12" viewBox="0 0 16 16">
        <path d="M6.2 12.2 1.9 7.9l1.5-1.5 2.8 2.8 6.4-6.4 1.5 1.5z" fill="currentColor" />
      </svg>
      {`Verifierad: ${affiliation}`}
    </span>
  );
}

/** The profile's "Tillhörighet" section: where the member's claim stands and how to get verified. */
export function AffiliationStatus({
  status,
  claimed,
  note,
  emailConfirmed,
}: {
  status: string;
  /** "Borlänge kommun" or the organisation's name; null without a claim. */
  claimed: string | null;
  note: string;
  emailConfirmed: boolean;
}) {
  const faster =
    "Går det fortare? Byt till din e-postadress i jobbet här nedan: hör den till en domän som forumansvarig har registrerat blir du verifierad direkt.";
  return (
    <section className="section" aria-labelledby="tillhorighet">
      <h2 id="tillhorighet">Tillhörighet</h2>
      {!claimed ? (
        <p>Du har inte angett någon kommun eller organisation.</p>
      ) : status === "verified" ? (
        <p>
          <VerifiedBadge affiliation={claimed} /> Märket visas vid ditt namn. Du ser och gör er analysmognadsbedömning.
        </p>
      ) : status === "pending" ? (
        <p>
          Din koppling till {claimed} väntar på att forumansvarig granskar den. Du kan läsa och skriva som vanligt; kommunens egna analysmognadspoäng ser du när
          du är verifierad. {faster}
        </p>
      ) : status === "rejected" ? (
        <p>
          Forumansvarig kunde inte verifiera att du arbetar i {claimed}
          {note ? `: ${note}` : "."} {faster}
        </p>
      ) : !emailConfirmed ? (
        <p>Bekräfta din e-postadress först. Sedan verifieras din koppling till {claimed}.</p>
      ) : (
        <p>Din koppling till {claimed} är inte verifierad.</p>
      )}
      <p>
        Verifierad blir du om din bekräftade e-postadress hör till {claimed ?? "organisationens"} domän, eller när forumansvarig har godkänt dig. Byter du
        kommun, organisation eller e-postadress behöver kopplingen verifieras igen.
      </p>
    </section>
  );
}
