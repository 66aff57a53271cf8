import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { cleanUp, createUserWithSession, logInAs } from "./db";

// An organizer saves a case body full of XSS payloads and publishes it; viewing the
// case must fire no dialog and add no script element beyond Remix's own.
const { payloads } = JSON.parse(fs.readFileSync(path.resolve("app/utils/xss-payloads.json"), "utf8")) as { payloads: string[] };

test.afterAll(() => cleanUp());

test("a case body with XSS payloads fires no dialog and adds no script", async ({ page, context, baseURL }) => {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const organizer = await createUserWithSession({ role: "organizer" });
  await logInAs(context, organizer, baseURL!);

  // Every script element added to the document after the server's HTML is parsed.
  await page.addInitScript(() => {
    const added: string[] = [];
    (window as unknown as { __addedScripts: string[] }).__addedScripts = added;
    document.addEventListener("DOMContentLoaded", () => {
      new MutationObserver((records) => {
        for (const record of records) {
          for (const node of Array.from(record.addedNodes)) {
            if (node instanceof Element && (node.tagName === "SCRIPT" || node.querySelector("script"))) added.push(node.outerHTML.slice(0, 200));
          }
        }
      }).observe(document, { childList: true, subtree: true });
    });
  });
  // The script elements an ordinary case page is served with: Remix's own.
  const scriptTags = (html: string) => (html.match(/<script\b/gi) ?? []).length;
  const baseline = scriptTags(await (await page.request.get("/case/kristianstad-smart-va")).text());
  expect(baseline).toBeGreaterThan(0);

  const title = `XSS-prov ${Date.now().toString(36)}`;
  const selected = payloads.filter((_, i) => i % 4 === 0);
  await page.goto("/admin/case/ny");
  await page.getByLabel("Rubrik").fill(title);
  await page.getByLabel("Sammanfattning").fill('<img src=x onerror=alert("sammanfattning")>');
  await page.getByLabel("Text").fill(`## Prov\n\n${selected.join("\n\n")}`);

  // The preview uses the same renderer.
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  await expect(page.getByRole("region", { name: "Förhandsgranskning" })).toBeVisible();

  await page.getByRole("button", { name: "Spara utkast" }).click();
  await expect(page.getByText("Caset är skapat som utkast.")).toBeVisible();
  await page.getByRole("button", { name: "Publicera" }).click();
  await expect(page.getByText("Caset är publicerat")).toBeVisible();

  const caseUrl = (await page.getByRole("link", { name: "Visa caset" }).getAttribute("href"))!;
  expect(scriptTags(await (await page.request.get(caseUrl)).text())).toBe(baseline);
  await page.goto(caseUrl);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const prose = page.locator(".prose");
  // Nudge whatever could carry a handler: hover and focus every element in the body.
  for (const element of await prose.locator("*").all()) {
    await element.hover({ timeout: 500, force: true }).catch(() => undefined);
  }
  await page.keyboard.press("Tab");
  await page.waitForTimeout(500);

  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __addedScripts: string[] }).__addedScripts)).toEqual([]);
  expect(await prose.locator("script, iframe, object, embed, style, svg, form, meta, base, link").count()).toBe(0);
  const unsafe = await prose.evaluate((root) => {
    const found: string[] = [];
    for (const el of Array.from(root.querySelectorAll("*"))) {
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name) || attr.name === "style") found.push(`${el.tagName} ${attr.name}`);
        if (/^(href|src)$/i.test(attr.name) && /^\s*(javascript|vbscript|data):/i.test(attr.value)) found.push(`${el.tagName} ${attr.name}=${attr.value}`);
      }
    }
    return found;
  });
  expect(unsafe).toEqual([]);
});
