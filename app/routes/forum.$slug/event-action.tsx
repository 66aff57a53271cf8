import { Link } from "@remix-run/react";
import { DateTime } from "~/components/date-time";
import { voteHref } from "~/utils/links";

/**
 * The event page's action and its key facts (seats left, deadline), right under the
 * date, so a phone shows them on the first screen (Luma's event page). The button
 * leads to the form further down, or to the registration already made.
 */
export function EventAction({
  seats,
  deadline,
  full,
  ownRegistrationPath,
  closed,
}: {
  seats: string | null;
  deadline: string | Date | null;
  full: boolean;
  ownRegistrationPath: string | null;
  closed: boolean;
}) {
  return (
    <div className="event-action">
      <p className="event-action__facts">
        {seats ? <span>{seats}</span> : null}
        {deadline ? (
          <span>
            Sista anmälan <DateTime value={deadline} />
          </span>
        ) : null}
      </p>
      {ownRegistrationPath ? (
        <Link className="button button--secondary" to={ownRegistrationPath}>
          Se din anmälan
        </Link>
      ) : closed ? null : (
        <a className="button" href="#anmalan">
          {full ? "Ställ dig på väntelistan" : "Anmäl dig"}
        </a>
      )}
    </div>
  );
}

/** While a poll of the forum is open: links to vote in it. */
export function VoteNow({ polls }: { polls: { code: string; question: string }[] }) {
  if (!polls.length) return null;
  return (
    <section className="section notice" aria-labelledby="rosta-nu">
      <h2 id="rosta-nu">Rösta nu</h2>
      <ul>
        {polls.map((p) => (
          <li key={p.code}>
            <Link to={voteHref(p.code)}>{p.question}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
