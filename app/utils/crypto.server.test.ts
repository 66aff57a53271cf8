import { afterEach, describe, expect, it, vi } from "vitest";

// env() caches its values: each configuration loads fresh copies of the modules.
async function withSecrets(vars: Record<string, string | undefined>) {
  vi.resetModules();
  vi.unstubAllEnvs();
  for (const [key, value] of Object.entries(vars)) vi.stubEnv(key, value as string);
  return { links: await import("./signed-links.server"), poll: await import("./poll-participant.server") };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

const S1 = "session-secret-one-0123456789abcdefghij";
const S2 = "session-secret-two-0123456789abcdefghij";
const L1 = "link-secret-one-0123456789abcdefghijklm";
const L2 = "link-secret-two-0123456789abcdefghijklm";
const L3 = "link-secret-three-0123456789abcdefghijk";

const sigOf = (url: string) => new URL(url).searchParams.get("sig")!;

describe("keyrings: one key per purpose, the previous key accepted during a rotation", () => {
  it("rotating SESSION_SECRET leaves every mailed link valid", async () => {
    const before = await withSecrets({ SESSION_SECRET: S1, LINK_SECRET: L1 });
    const cancel = sigOf(before.links.cancelRegistrationUrl("reg1"));
    const unsubscribe = sigOf(before.links.unsubscribeUrl("sub1"));
    const optOut = sigOf(before.links.discussionOptOutUrl({ kind: "trad", userId: "u1", targetId: "t1" }));

    const after = await withSecrets({ SESSION_SECRET: S2, LINK_SECRET: L1 });
    expect(after.links.verifyRegistrationLink("reg1", cancel)).toBe(true);
    expect(after.links.verifyUnsubscribeLink("sub1", unsubscribe)).toBe(true);
    expect(after.links.verifyDiscussionOptOut({ kind: "trad", userId: "u1", targetId: "t1" }, optOut)).toBe(true);
  });

  it("rotating LINK_SECRET keeps old links valid while the previous key is configured, and only then", async () => {
    const before = await withSecrets({ SESSION_SECRET: S1, LINK_SECRET: L1 });
    const old = sigOf(before.links.cancelRegistrationUrl("reg1"));

    const rotating = await withSecrets({ SESSION_SECRET: S1, LINK_SECRET: L2, LINK_SECRET_PREVIOUS: L1 });
    expect(rotating.links.verifyRegistrationLink("reg1", old)).toBe(true);
    // New links are signed with the new key, and a signature for one id never fits another.
    const fresh = sigOf(rotating.links.cancelRegistrationUrl("reg1"));
    expect(fresh).not.toBe(old);
    expect(rotating.links.verifyRegistrationLink("reg1", fresh)).toBe(true);
    expect(rotating.links.verifyRegistrationLink("reg2", old)).toBe(false);

    const done = await withSecrets({ SESSION_SECRET: S1, LINK_SECRET: L3, LINK_SECRET_PREVIOUS: L2 });
    expect(done.links.verifyRegistrationLink("reg1", old)).toBe(false);
    expect(done.links.verifyRegistrationLink("reg1", fresh)).toBe(true);
  });

  it("the session keyring signs the live-poll cookie, and its previous key still verifies it", async () => {
    const before = await withSecrets({ SESSION_SECRET: S1, LINK_SECRET: L1 });
    const value = before.poll.participantCookie("abcdefghijklmnop1234").split(";")[0]!.split("=")[1]!;
    expect(before.poll.verifyParticipantToken(value)).toBe("abcdefghijklmnop1234");

    // A link key never signs a cookie.
    expect((await withSecrets({ SESSION_SECRET: L1, LINK_SECRET: S1 })).poll.verifyParticipantToken(value)).toBeNull();
    expect((await withSecrets({ SESSION_SECRET: S2, SESSION_SECRET_PREVIOUS: S1, LINK_SECRET: L1 })).poll.verifyParticipantToken(value)).toBe(
      "abcdefghijklmnop1234",
    );
    expect((await withSecrets({ SESSION_SECRET: S2, LINK_SECRET: L1 })).poll.verifyParticipantToken(value)).toBeNull();
  });
});
