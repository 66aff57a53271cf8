import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

type StatusHandler = (status: number) => JSX.Element;

const defaultHandlers: Record<number, StatusHandler> = {
  400: () => <ErrorText title="Felaktig förfrågan" text="Det som skickades gick inte att tolka. Gå tillbaka och försök igen." />,
  403: () => (
    <ErrorText title="Du saknar behörighet" text="Sidan kräver en roll som ditt konto inte har. Logga in med rätt konto eller kontakta forumansvarig." />
  ),
  404: () => <ErrorText title="Sidan finns inte" text="Vi hittade ingen sida på den adressen. Den kan ha flyttats eller tagits bort." />,
  405: () => <ErrorText title="Åtgärden stöds inte" text="Sidan tar inte emot den här sortens förfrågan." />,
  429: () => <ErrorText title="För många försök" text="Vänta en stund och försök sedan igen." />,
};

/**
 * The one error boundary: the root and any route use it, optionally with their
 * own handlers per status (e.g. a friendlier 404 for a missing event).
 */
export function GeneralErrorBoundary({ statusHandlers = {} }: { statusHandlers?: Record<number, StatusHandler> }) {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const handler = statusHandlers[error.status] ?? defaultHandlers[error.status];
    if (handler) return handler(error.status);
    if (error.status < 500) {
      return <ErrorText title="Något blev fel" text={typeof error.data === "string" && error.data ? error.data : "Förfrågan kunde inte utföras."} />;
    }
  }
  return (
    <ErrorText
      title="Ett tekniskt fel uppstod"
      text="Något gick fel hos oss. Felet är loggat. Försök igen om en stund, eller kontakta forumansvarig om det fortsätter."
    />
  );
}

function ErrorText({ title, text }: { title: string; text: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p className="lead">{text}</p>
      <p>
        <Link to="/">Till startsidan</Link>
      </p>
    </>
  );
}
