import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { DateTime } from "~/components/date-time";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getPostHistory } from "~/models/thread.server";
import { requireRole } from "~/models/auth.server";
import { DISCUSSIONS_HREF, postAnchor, threadHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { requireParam } from "~/utils/http.server";

export const meta: MetaFunction = () => pageMeta("Ändringshistorik", "Tidigare versioner av ett inlägg, för moderatorer.");

/** Moderators only: every earlier version of a post. Shown as plain text, as it was written. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireRole(request, "moderator");
  const post = await getPostHistory(requireParam(params, "postId", "id", "Inlägget finns inte"));
  if (!post) throw new Response("Inlägget finns inte", { status: 404 });
  return json({ post });
}

export default function PostHistory() {
  const { post } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs
        items={[
          { to: DISCUSSIONS_HREF, label: "Diskussioner" },
          { to: threadHref(post.thread), label: post.thread.title },
        ]}
        current="Ändringshistorik"
      />
      <h1>Ändringshistorik</h1>
      <p className="lead">
        Inlägg av {post.author.name}, skrivet <DateTime value={post.createdAt} />.{" "}
        {post.revisions.length ? `Ändrat ${post.revisions.length} ${post.revisions.length === 1 ? "gång" : "gånger"}.` : "Aldrig ändrat."}
      </p>
      <section aria-labelledby="nuvarande">
        <h2 id="nuvarande">
          Nuvarande text
          {post.editedAt ? (
            <>
              {" "}
              (sparad <DateTime value={post.editedAt} />)
            </>
          ) : null}
        </h2>
        <pre className="revision">{post.bodyMd}</pre>
      </section>
      {post.revisions.map((r, i) => (
        <section key={r.id} aria-labelledby={`version-${r.id}`}>
          <h2 id={`version-${r.id}`}>
            Version {post.revisions.length - i}, ersatt <DateTime value={r.createdAt} />
            {r.editor ? ` av ${r.editor.name}` : ""}
          </h2>
          {r.title !== null ? (
            <p>
              Rubriken före ändringen: <q>{r.title}</q> (nu <q>{post.thread.title}</q>)
            </p>
          ) : null}
          <pre className="revision">{r.bodyMd}</pre>
        </section>
      ))}
      <p>
        <Link to={`${threadHref(post.thread)}#${postAnchor(post.id)}`}>Tillbaka till inlägget</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
