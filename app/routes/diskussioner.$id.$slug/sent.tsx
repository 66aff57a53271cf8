import { Confirmation } from "~/components/form-success";
import { postAnchor } from "~/utils/links";

/** The query parameter a successful post redirects with: `fraga` for a new question, else the new answer's id. */
export const SENT_PARAM = "skickat";

/**
 * "Din fråga är publicerad" / "Ditt svar är publicerat", after the redirect that
 * follows a post: it takes focus, so a screen reader hears it and the visitor
 * knows the post went out (and, with JavaScript, the answer box is empty again).
 */
export function SentNotice({ sent, focusKey }: { sent: string | null; focusKey: number }) {
  if (sent === "fraga") {
    return (
      <Confirmation focusKey={focusKey} id="fraga-publicerad">
        <p>Din fråga är publicerad. Andra medlemmar kan nu svara, och du får ett mejl när någon gör det.</p>
      </Confirmation>
    );
  }
  const answerId = sent && /^[\w-]{1,64}$/.test(sent) ? sent : null;
  if (!answerId) return null;
  return (
    <Confirmation focusKey={focusKey}>
      <p>
        Ditt svar är publicerat. <a href={`#${postAnchor(answerId)}`}>Gå till ditt svar</a>
      </p>
    </Confirmation>
  );
}
