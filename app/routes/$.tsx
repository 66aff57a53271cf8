import { GeneralErrorBoundary } from "~/components/error-boundary";

// Any path no other route matches: a real 404 through the general error boundary.
export function loader() {
  throw new Response("Sidan finns inte", { status: 404 });
}

export function action() {
  throw new Response("Sidan finns inte", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
