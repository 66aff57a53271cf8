import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { listUsers, setRole } from "~/models/user.server";
import { requireRole } from "~/models/auth.server";
import { ROLE_LABELS, ROLES } from "~/utils/roles";
import { formatShortDate } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { readFormData } from "~/utils/form-data.server";
import { badRequest } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { ADMIN_USERS_HREF } from "~/utils/links";

export const meta: MetaFunction = () => pageMeta("Användare och roller", "Ändra roller för medlemmar, moderatorer, arrangörer och administratörer.");

const roleSchema = z.object({
  userId: z.string().min(1, "Välj en användare."),
  role: z.enum(ROLES, { errorMap: () => ({ message: "Välj en giltig roll." }) }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const q = new URL(request.url).searchParams.get("q")?.slice(0, 100) ?? "";
  return json({ users: await listUsers({ query: q || undefined }), q });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const parsed = parseForm(roleSchema, await readFormData(request));
  if (!parsed.ok) return badRequest(parsed.errors);
  if (parsed.data.userId === admin.id) return badRequest({ role: "Du kan inte ändra din egen roll. Be en annan administratör." });
  const changed = await setRole(admin.id, parsed.data.userId, parsed.data.role);
  if (!changed) return badRequest({ userId: "Användaren finns inte." });
  return redirect(`${ADMIN_USERS_HREF}?sparat=1`);
}

export default function AdminUsers() {
  const { users, q } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB]} current="Användare" />
      <h1>Användare och roller</h1>
      <p className="lead">Moderatorer hanterar diskussionerna, arrangörer driver forumen och administratörer styr roller och e-post.</p>
      {searchParams.get("sparat") ? (
        <div className="notice notice--success" role="status">
          <p>Rollen är ändrad och ändringen är loggad.</p>
        </div>
      ) : null}
      <ErrorSummary errors={actionData?.errors} />
      <Form method="get" className="field">
        <label htmlFor="sok-anvandare">Sök på namn eller e-post</label>
        <input id="sok-anvandare" type="search" name="q" defaultValue={q} />
        <button type="submit" className="button button--secondary button--small">
          Sök
        </button>
      </Form>
      <div className="table-scroll">
        <table>
          <caption>{users.length} användare</caption>
          <thead>
            <tr>
              <th scope="col">Namn</th>
              <th scope="col">E-post</th>
              <th scope="col">Organisation</th>
              <th scope="col">Medlem sedan</th>
              <th scope="col">Roll</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>
                  {u.email}
                  {u.emailVerifiedAt ? "" : " (ej bekräftad)"}
                </td>
                <td>{u.municipality?.name ?? u.organisation?.name ?? "–"}</td>
                <td>{formatShortDate(u.createdAt)}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="userId" value={u.id} />
                    <label htmlFor={`roll-${u.id}`} className="visually-hidden">
                      Roll för {u.name}
                    </label>
                    <select id={`roll-${u.id}`} name="role" defaultValue={u.role}>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </select>{" "}
                    <SubmitButton secondary pendingText="Sparar…">
                      Spara<span className="visually-hidden"> roll för {u.name}</span>
                    </SubmitButton>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
