// Members, sessions and form posts for tests that talk HTTP to the production
// build (app/test/app-server.ts). Rows are written straight to the server's
// database with one SQL text for SQLite and PostgreSQL (app/test/test-sql.ts).
import type { AppServer } from "./app-server";
import { createUser, type UserOptions } from "./http-users";
import { testQuery } from "./test-sql";

export type TestMember = { id: string; email: string; cookie: string };

type Value = string | number | null | Date;

export function httpFixtures(app: () => AppServer) {
  const sql = <T = Record<string, unknown>>(text: string, params: Value[] = []) => testQuery<T>(app().databaseUrl, text, params);

  /** A verified Borlänge member (by default) with a session; see createUser in ./http-users. */
  async function member(options: UserOptions = {}): Promise<TestMember> {
    const { id, email, cookie } = await createUser(app().databaseUrl, options);
    return { id, email, cookie };
  }

  type RequestOptions = { cookie?: string; ip?: string };
  const headers = ({ cookie, ip }: RequestOptions) => ({
    ...(cookie ? { Cookie: cookie } : {}),
    // Honoured when the server runs with TRUST_PROXY=1.
    ...(ip ? { "X-Forwarded-For": ip } : {}),
  });

  const get = (path: string, options: RequestOptions = {}) => fetch(`${app().url}${path}`, { redirect: "manual", headers: headers(options) });

  const post = (path: string, body: Record<string, string>, options: RequestOptions = {}) =>
    fetch(`${app().url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app().url, ...headers(options) },
      body: new URLSearchParams(body).toString(),
    });

  return { sql, member, get, post };
}

/** The session cookie a response sets ("kf_session=…"), or "". */
export function sessionCookie(response: Response): string {
  const match = /(?:^|,\s*)(kf_session=[^;]*)/.exec(response.headers.get("set-cookie") ?? "");
  return match?.[1] ?? "";
}
