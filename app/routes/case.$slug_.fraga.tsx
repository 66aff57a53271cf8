import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton, TextArea, TextField } from "~/components/forms";
import { MarkdownHelp } from "~/components/markdown-help";
import { askCaseOwner } from "~/models/case-question.server";
import { getPublishedCaseBySlug } from "~/models/case.server";
import { DiscussionError, enforcePostingLimits } from "~/models/post.server";
import { requireUser, requireVerifiedUser } from "~/models/auth.server";
import { caseQuestionTemplate } from "~/utils/email-templates.server";
import { env } from "~/utils/env.server";
import { readFormData } from "~/utils/form-data.server";
import { parseForm } from "~/utils/forms";
import { badRequest, requireParam } from "~/utils/http.server";
import { caseHref, threadHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { caseQuestionSchema } from "~/validation/library";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(`Fråga om ${data.item.title}`, "Ställ en fråga till kontaktpersonen för caset. Frågan blir en diskussionstråd.")
    : pageMeta("Caset finns inte", "Vi hittade inget case på den adressen.");

const LABELS = { title: "Rubrik", body: "Din fråga" };

async function loadCase(params: LoaderFunctionArgs["params"]) {
  const item = await getPublishedCaseBySlug(requireParam(params, "slug", "slug", "Caset finns inte"));
  if (!item) throw new Response("Caset finns inte", { status: 404 });
  return item;
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const item = await loadCase(params);
  return json({
    item: { slug: item.slug, title: item.title, contactName: item.contactName, hasContactEmail: item.hasContactEmail },
    verified: user.emailVerified,
  });
}

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const item = await loadCase(params);
  const formData = await readFormData(request);
  const parsed = parseForm(caseQuestionSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  // The question becomes a thread and a mail to the contact person: the same limits as any post (new members too).
  const limit = await enforcePostingLimits(user.id, parsed.data.body);
  if (limit) return badRequest({ body: limit }, parsed.data);
  const appUrl = env().APP_URL;
  const result = await askCaseOwner({
    caseSlug: item.slug,
    userId: user.id,
    title: parsed.data.title,
    body: parsed.data.body,
    threadPath: threadHref,
    mail: ({ threadPath, ...rest }) => caseQuestionTemplate({ ...rest, threadUrl: new URL(threadPath, appUrl).toString() }),
  }).catch((error: unknown) => {
    if (error instanceof DiscussionError) return error;
    throw error;
  });
  if (result instanceof DiscussionError) return badRequest({ body: result.message }, parsed.data);
  if (!result) throw new Response("Caset finns inte", { status: 404 });
  return redirect(`${caseHref(item)}?fraga=skickad#diskussioner`);
}

export default function AskCaseOwner() {
  const { item, verified } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  const values = actionData?.values ?? {};
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/case", label: "Case" },
          { to: caseHref(item), label: item.title },
        ]}
        current="Fråga case-ägaren"
      />
      <h1>Fråga case-ägaren</h1>
      <p className="lead">
        Ställ en fråga om ”{item.title}”. Frågan publiceras som en diskussionstråd med ditt namn, så att fler kan ta del av svaret.
        {item.hasContactEmail ? ` ${item.contactName || "Kontaktpersonen"} får ett mejl om frågan.` : ""}
      </p>
      {verified ? (
        <>
          <ErrorSummary errors={errors} labels={LABELS} />
          <Form method="post" noValidate>
            <TextField
              name="title"
              label={LABELS.title}
              hint="En kort mening som sammanfattar frågan."
              defaultValue={values.title}
              error={errors?.title}
              maxLength={160}
              required
            />
            <TextArea
              name="body"
              label={LABELS.body}
              hint="Beskriv vad du vill veta och gärna varför. Du kan använda Markdown."
              defaultValue={values.body}
              error={errors?.body}
              rows={10}
              required
            />
            <MarkdownHelp />
            <SubmitButton pendingText="Skickar frågan…">Skicka frågan</SubmitButton>
          </Form>
        </>
      ) : (
        <div className="notice notice--warning">
          <p>
            Du behöver bekräfta din e-postadress innan du kan ställa frågor. <Link to="/profil">Gå till din profil</Link> för att få en ny bekräftelselänk.
          </p>
        </div>
      )}
      <p>
        <Link to={caseHref(item)}>Tillbaka till caset</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
