import { expect, test } from "@playwright/test";
import { cleanUp, cleanUpThreads, createThreadWithAnswer, createUserWithSession, logInAs, postModerationState } from "./db";

test.afterAll(async () => {
  await cleanUpThreads();
  await cleanUp();
});

test("a member flags a post and a moderator hides it from the queue", async ({ browser, baseURL }) => {
  const asker = await createUserWithSession();
  const answerer = await createUserWithSession();
  const flagger = await createUserWithSession();
  const moderator = await createUserWithSession({ role: "moderator" });
  const thread = await createThreadWithAnswer({ askerId: asker.id, answererId: answerer.id });

  // The member flags the answer.
  const memberContext = await browser.newContext();
  await logInAs(memberContext, flagger, baseURL!);
  const member = await memberContext.newPage();
  await member.goto(`/diskussioner/inlagg/${thread.answerId}/flagga`);
  await expect(member.getByRole("heading", { level: 1, name: "Flagga ett inlägg" })).toBeVisible();
  await expect(member.getByText("Köp billiga klockor")).toBeVisible();
  // Without a reason: a Swedish error, linked to the field.
  await member.getByRole("button", { name: "Skicka flaggningen" }).click();
  await expect(member.getByRole("alert")).toContainText("Välj varför du flaggar inlägget.");
  await member.getByLabel("Reklam eller spam").check();
  await member.getByLabel("Berätta mer (frivilligt)").fill("Länkar till en webbshop.");
  await member.getByRole("button", { name: "Skicka flaggningen" }).click();
  await expect(member).toHaveURL(new RegExp(`${thread.href}\\?flaggat=1`));
  await expect(member.getByRole("status")).toContainText("Inlägget är flaggat");
  expect((await postModerationState(thread.answerId)).flags).toEqual([{ status: "open", reason: "spam: Länkar till en webbshop." }]);

  // The moderator hides it from the queue.
  const modContext = await browser.newContext();
  await logInAs(modContext, moderator, baseURL!);
  const mod = await modContext.newPage();
  await mod.goto("/admin/moderering");
  const item = mod.getByRole("article").filter({ hasText: thread.title });
  await expect(item).toContainText("Reklam eller spam");
  await expect(item).toContainText("Länkar till en webbshop.");
  await item.getByLabel("Motivering (sparas i loggen)").fill("Reklam för en webbshop");
  await item.getByRole("button", { name: "Dölj inlägget" }).click();
  await expect(mod.getByRole("status")).toContainText("Inlägget är dolt");
  await expect(mod.getByRole("article").filter({ hasText: thread.title })).toHaveCount(0);

  const state = await postModerationState(thread.answerId);
  expect(state.hiddenAt).not.toBeNull();
  expect(state.hiddenReason).toBe("Reklam för en webbshop");
  expect(state.flags.map((f) => f.status)).toEqual(["resolved"]);

  // The handled flag is listed under "Hanterade", and the post's page says it is hidden.
  await mod.getByRole("link", { name: "Hanterade" }).click();
  await expect(mod.getByRole("article").filter({ hasText: thread.title })).toBeVisible();
  await mod.goto(`/admin/moderering/inlagg/${thread.answerId}`);
  await expect(mod.getByText(/Inlägget är dolt sedan/)).toBeVisible();
  await expect(mod.getByRole("button", { name: "Visa inlägget igen" })).toBeVisible();

  // Members see a placeholder instead of the post; the moderator still sees the text, marked hidden.
  await member.goto(thread.href);
  await expect(member.getByText("Inlägget har dolts av en moderator")).toBeVisible();
  await expect(member.getByText("Köp billiga klockor")).toHaveCount(0);
  await mod.goto(thread.href);
  await expect(mod.getByText(/Dolt för medlemmar: Reklam för en webbshop/)).toBeVisible();
  await memberContext.close();
  await modContext.close();
});

test("a member cannot open the moderation queue", async ({ page, context, baseURL }) => {
  await logInAs(context, await createUserWithSession(), baseURL!);
  const response = await page.goto("/admin/moderering");
  expect(response?.status()).toBe(403);
});
