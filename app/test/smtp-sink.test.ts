import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseMail } from "./mime";
import { linksInMail, readMails, startSmtpSink, type SmtpSink } from "./smtp-sink";

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink({ port: 0, dir: fs.mkdtempSync(path.join(os.tmpdir(), "sink-test-")) });
});
afterAll(async () => {
  await sink.stop();
  fs.rmSync(sink.dir, { recursive: true, force: true });
});

const longName = "Protokoll från Kommunforum Analytics – Borlänge och Kristianstad, maj 2021.txt";

describe("parseMail", () => {
  it("reads what nodemailer writes: encoded headers, alternatives and attachments", async () => {
    const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
    const info = await composer.sendMail({
      from: "Kommunforum Analytics <noreply@kommunforum.local>",
      to: "Åsa Öberg <asa@kristianstad.example>",
      subject: "Smart VA – så använder Kristianstad IoT i vatten och avlopp ".repeat(2).trim(),
      text: "Rad ett med åäö\nEn mycket lång rad ".repeat(20),
      html: "<p>Hej <strong>Åsa</strong> – välkommen!</p>",
      attachments: [
        { filename: "forum.ics", contentType: "text/calendar", content: "BEGIN:VCALENDAR\r\nSUMMARY:Möte\r\nEND:VCALENDAR\r\n" },
        { filename: longName, content: "anteckningar" },
        { filename: "bild.png", content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) },
      ],
    });
    const mail = parseMail((info.message as Buffer).toString("utf8"));
    expect(mail.subject).toBe("Smart VA – så använder Kristianstad IoT i vatten och avlopp ".repeat(2).trim());
    expect(mail.to).toBe("Åsa Öberg <asa@kristianstad.example>");
    expect(mail.text?.replace(/\r\n/g, "\n")).toBe("Rad ett med åäö\nEn mycket lång rad ".repeat(20));
    expect(mail.html).toBe("<p>Hej <strong>Åsa</strong> – välkommen!</p>");
    expect(mail.attachments.map((a) => a.filename)).toEqual(["forum.ics", longName, "bild.png"]);
    expect(mail.attachments[0]?.content).toContain("SUMMARY:Möte");
    expect(mail.attachments[2]).toMatchObject({ contentType: "image/png", size: 7 });
    expect(mail.attachments[2]?.content).toBeUndefined();
  });
});

describe("the SMTP sink", () => {
  it("stores each received mail as a JSON file and finds it by recipient and subject", async () => {
    const transport = nodemailer.createTransport(`smtp://user:secret@127.0.0.1:${sink.port}`);
    await transport.sendMail({
      from: "noreply@kommunforum.local",
      to: ["a@borlange.example", "b@borlange.example"],
      subject: "Bekräfta din e-postadress",
      text: "Öppna länken: https://kommunforum.example/verifiera?token=abc123\n",
    });
    transport.close();

    const mail = await sink.waitForMail({ to: "B@borlange.example", subjectIncludes: "Bekräfta", timeoutMs: 5000 });
    expect(mail.envelope).toEqual({ from: "noreply@kommunforum.local", to: ["a@borlange.example", "b@borlange.example"] });
    expect(mail.raw).toContain("Subject:");
    expect(linksInMail(mail)).toEqual(["https://kommunforum.example/verifiera?token=abc123"]);
    expect(readMails(sink.dir)).toHaveLength(1);
    expect(fs.readdirSync(sink.dir)).toEqual([`${mail.id}.json`]);
  });

  it("gives up with a message that lists what did arrive", async () => {
    await expect(sink.waitForMail({ to: "nobody@example.org", timeoutMs: 200 })).rejects.toThrow(/Mottagna: .*Bekräfta din e-postadress/);
  });
});
