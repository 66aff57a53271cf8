import { describe, expect, it } from "vitest";
import { signupBrowserCookie, signupBrowserEmail } from "./signup-browser.server";

const request = (cookie: string) => new Request("http://localhost/verifiera", { headers: { Cookie: cookie } });
const valueOf = (setCookie: string) => setCookie.split(";")[0]!;

describe("the browser that signed up", () => {
  it("is recognised by its cookie, only sent to /verifiera and not readable by scripts", () => {
    const cookie = signupBrowserCookie("anna@kommun.example");
    expect(cookie).toMatch(/; Path=\/verifiera; Max-Age=172800; HttpOnly; SameSite=Lax/);
    expect(signupBrowserEmail(request(`annat=1; ${valueOf(cookie)}`))).toBe("anna@kommun.example");
  });

  it("is not recognised from a cookie with another address, a changed expiry or one that has expired", () => {
    const now = Date.now();
    const [name, value] = valueOf(signupBrowserCookie("anna@kommun.example", now)).split("=") as [string, string];
    const [expires, , signature] = value.split(".");
    const otherAddress = `${name}=${expires}.${Buffer.from("erik@kommun.example").toString("base64url")}.${signature}`;
    expect(signupBrowserEmail(request(otherAddress))).toBeNull();
    const longer = `${name}=${Number(expires) + 1000}.${value.split(".")[1]}.${signature}`;
    expect(signupBrowserEmail(request(longer))).toBeNull();
    expect(signupBrowserEmail(request(`${name}=${value}`), now + 49 * 3600 * 1000)).toBeNull();
    expect(signupBrowserEmail(request("kf_signup=skräp"))).toBeNull();
    expect(signupBrowserEmail(new Request("http://localhost/verifiera"))).toBeNull();
  });
});
