import { describe, expect, it } from "vitest";
import { accountExistsTemplate, resetPasswordTemplate, verifyEmailTemplate } from "./account-email-templates.server";
import { caseQuestionTemplate, emailLayout, escapeHtml, opensWithGreeting } from "./email-templates.server";
import {
  organizerMessageTemplate,
  registrationConfirmedTemplate,
  registrationLinksTemplate,
  registrationWaitlistedTemplate,
} from "./forum-email-templates.server";

const site = "https://kommunforum.example";

describe("the organizer's message", () => {
  const event = { title: "Forum maj", when: "tisdag 6 maj 2026 kl. 13.00", place: "Online", eventUrl: `${site}/forum/maj` };
  const message = (body: string) => organizerMessageTemplate({ name: "Anna", event, subject: "Info", body, pageUrl: `${site}/x` });

  it("greets the reader only when the organizer's text does not already", () => {
    expect(message("Hej alla!\n\nVi börjar 13.00.").text).toMatch(/^Hej alla!/);
    expect(message("Hej alla!").html).not.toContain("Hej Anna!");
    expect(message("Vi börjar 13.00.").text).toMatch(/^Hej Anna!\n\nVi börjar 13\.00\./);
    expect(["Hejsan!", "God morgon,", "Kära deltagare", " hej på er"].every(opensWithGreeting)).toBe(true);
    expect(["Hejdå till den gamla länken", "Vi hörs", "Tjänsten"].some(opensWithGreeting)).toBe(false);
  });
});

describe("emailLayout", () => {
  it("escapes every value in the HTML part and keeps the text part plain", () => {
    const mail = emailLayout({
      subject: "Test <b>",
      name: `<script>alert("x")</script>`,
      blocks: ["Tom & Jerry <img src=x onerror=alert(1)>", { label: 'Öppna "länken"', url: `${site}/a?x=1&y=<2>` }],
      siteUrl: site,
    });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(mail.html).toContain("Tom &amp; Jerry");
    expect(mail.html).toContain('href="https://kommunforum.example/a?x=1&amp;y=%3C2%3E"');
    expect(mail.html).toContain('<html lang="sv">');
    expect(mail.text).toContain(`Hej <script>alert("x")</script>!`);
    expect(mail.text).toContain('Öppna "länken":\nhttps://kommunforum.example/a?x=1&y=%3C2%3E');
  });

  it("names the site in the footer and adds an unsubscribe link only when asked", () => {
    const plain = emailLayout({ subject: "S", blocks: ["Innehåll"], siteUrl: site });
    expect(plain.text).toContain("Hej!");
    expect(plain.text).toContain(`Kommunforum Analytics\n${site}/`);
    expect(plain.html).toContain(">Kommunforum Analytics</a>");
    expect(plain.text).not.toContain("Avsluta prenumerationen");
    expect(plain.unsubscribeUrl).toBeUndefined();

    const newsletter = emailLayout({ subject: "S", blocks: ["Innehåll"], siteUrl: site, unsubscribeUrl: `${site}/avregistrera?token=abc` });
    expect(newsletter.text).toContain(`Avsluta prenumerationen:\n${site}/avregistrera?token=abc`);
    expect(newsletter.html).toContain(`href="${site}/avregistrera?token=abc"`);
    // Carried on to the outbox, which sends it as the List-Unsubscribe header.
    expect(newsletter.unsubscribeUrl).toBe(`${site}/avregistrera?token=abc`);
  });

  it("refuses links that are not http or https", () => {
    expect(() => emailLayout({ subject: "S", blocks: [{ label: "x", url: "javascript:alert(1)" }], siteUrl: site })).toThrow();
  });

  it("escapes all five HTML-special characters", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
  });
});

describe("account templates", () => {
  it("verification mail carries the link and how long it is valid", () => {
    const mail = verifyEmailTemplate({ name: "Anna", url: `${site}/verifiera?token=t1` });
    expect(mail.subject).toBe("Bekräfta din e-postadress – Kommunforum Analytics");
    expect(mail.text).toContain("Hej Anna!");
    expect(mail.text).toContain(`${site}/verifiera?token=t1`);
    expect(mail.text).toContain("Länken gäller i 24 timmar.");
    expect(mail.html).toContain(`href="${site}/verifiera?token=t1"`);
  });

  it("password reset mail says the link works once", () => {
    const mail = resetPasswordTemplate({ name: "", url: `${site}/nytt-losenord?token=t2`, validMinutes: 60 });
    expect(mail.subject).toContain("lösenord");
    expect(mail.text).toContain("Hej!");
    expect(mail.text).toContain("Länken gäller i 1 timme och kan bara användas en gång.");
    expect(mail.text).toContain(`${site}/nytt-losenord?token=t2`);
  });

  it("account-exists mail offers both login and reset", () => {
    const mail = accountExistsTemplate({ name: "Per", loginUrl: `${site}/logga-in`, resetUrl: `${site}/glomt-losenord` });
    expect(mail.text).toContain(`${site}/logga-in`);
    expect(mail.text).toContain(`${site}/glomt-losenord`);
    expect(mail.html).toContain(`href="${site}/logga-in"`);
    expect(mail.html).toContain(`href="${site}/glomt-losenord"`);
  });
});

describe("caseQuestionTemplate", () => {
  it("tells the contact who asked what, links the thread, and escapes the member's text in HTML", () => {
    const mail = caseQuestionTemplate({
      caseTitle: "Smart VA",
      contactName: "Karin",
      askerName: "Frida",
      askerMunicipality: "Borlänge",
      questionTitle: "Hur valde ni sensorer?",
      questionBody: "Vi undrar <script>alert(1)</script>",
      threadUrl: "https://kommunforum.example/diskussioner/abc/hur-valde-ni-sensorer",
    });
    expect(mail.subject).toContain("Smart VA");
    expect(mail.text).toContain("Hej Karin!");
    expect(mail.text).toContain("Frida (Borlänge)");
    expect(mail.text).toContain("Hur valde ni sensorer?");
    expect(mail.text).toContain("https://kommunforum.example/diskussioner/abc/hur-valde-ni-sensorer");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;");
  });
});

describe("registration mail", () => {
  const event = {
    title: "Kommunforum Analytics 12 januari 2027",
    when: "tisdag 12 januari 2027 kl. 13.00–14.30",
    place: "På webben",
    eventUrl: `${site}/forum/nasta`,
  };
  const urls = { pageUrl: `${site}/forum/anmalan?r=1&sig=a`, cancelUrl: `${site}/forum/avanmal?r=1&sig=b` };
  const buttons = (html: string) => [...html.matchAll(/<a [^>]*display:inline-block[^>]*>([^<]*)<\/a>/g)].map((m) => m[1]);

  it("shows Se din anmälan as the button and Avanmäl dig as a plain link in a sentence", () => {
    const mails = [
      registrationConfirmedTemplate({ name: "Anna", event, joinUrl: null, ...urls }),
      registrationWaitlistedTemplate({ name: "Anna", event, position: 2, ...urls }),
      registrationLinksTemplate({ event, ...urls }),
    ];
    for (const mail of mails) {
      expect(buttons(mail.html)).not.toContain("Avanmäl dig");
      expect(mail.html).toMatch(/<p [^>]*>[^<]+<a href="https:\/\/kommunforum\.example\/forum\/avanmal\?r=1&amp;sig=b" style="color:#12416b">Avanmäl dig<\/a>/);
      expect(mail.text).toContain(`Avanmäl dig`);
      expect(mail.text).toContain(urls.cancelUrl);
    }
    expect(buttons(mails[0]!.html)).toEqual(["Se din anmälan"]);
    expect(mails[0]!.text).toContain(`Kan du inte komma? Avanmäl dig, så går platsen till någon på väntelistan.\n${urls.cancelUrl}`);
  });
});

describe("Swedish quotation marks in mail", () => {
  it("quotes titles and names in mail text with ”…”, never with straight quotes", async () => {
    const { readFileSync, readdirSync } = await import("node:fs");
    const path = await import("node:path");
    const dirs = ["app/models", "app/utils"];
    const mailSources = dirs
      .flatMap((dir) => readdirSync(dir).map((f) => path.join(dir, f)))
      .filter((file) => file.endsWith(".server.ts") && !file.endsWith(".test.ts"))
      .filter((file) => /emailLayout|enqueueEmail|EmailBlock/.test(readFileSync(file, "utf8")));
    expect(mailSources.length).toBeGreaterThan(5);
    const straight = mailSources.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .map((line, i) => ({ where: `${file}:${i + 1}`, line }))
        // A straight quote right before an interpolation that is not an HTML attribute (href="${…}").
        .filter(({ line }) => /(?<![=\w])"\$\{/.test(line) && /`/.test(line)),
    );
    expect(straight.map((s) => s.where)).toEqual([]);
  });
});
