import http from "node:http";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { bodyLimitFor, DEFAULT_BODY_LIMIT, limitedBody, type BodyRefusal } from "./body-limit.server";
import { MAX_UPLOAD_BYTES } from "./upload.server";

describe("bodyLimitFor", () => {
  it("gives log-in and account forms a few KB, with a short time to arrive", () => {
    for (const path of [
      "/logga-in",
      "/logga-in/tvastegs",
      "/registrera",
      "/glomt-losenord",
      "/aterstall-losenord",
      "/rosta/DATA7",
      "/profil/radera",
      "/inbjudan/avsluta",
    ]) {
      expect(bodyLimitFor(path), path).toMatchObject({ bytes: 16 * 1024, seconds: 15 });
    }
  });

  it("gives the slide upload the upload limit plus room for the form around it", () => {
    const upload = bodyLimitFor("/admin/forum/abc123/inspelning");
    expect(upload.bytes).toBeGreaterThan(MAX_UPLOAD_BYTES);
    expect(upload.bytes).toBeLessThanOrEqual(MAX_UPLOAD_BYTES + 1024 * 1024);
    expect(upload.seconds).toBe(120);
  });

  it("gives long texts 1 MB (100 000 characters, 9 bytes each at worst) and other forms 256 KB", () => {
    for (const path of ["/admin/case/ny", "/admin/case/x1", "/admin/spaningar/ny", "/profil/case/x1", "/admin/forum/ny", "/admin/forum/x1"]) {
      expect(bodyLimitFor(path).bytes, path).toBe(1024 * 1024);
    }
    for (const path of ["/kontakt", "/forum/kommunforum-analytics-nasta", "/diskussioner/ny", "/admin/inkorg/x1", "/admin/forum/x1/anmalningar", "/profil"]) {
      expect(bodyLimitFor(path), path).toBe(DEFAULT_BODY_LIMIT);
    }
    // 20 000 characters of a discussion post, each up to 9 bytes when percent-encoded.
    expect(DEFAULT_BODY_LIMIT.bytes).toBeGreaterThan(20_000 * 9);
  });
});

describe("limitedBody", () => {
  it("does not call a body late when it arrived in time but the server was too busy to read it", async () => {
    const refused: BodyRefusal[] = [];
    const server = http.createServer(async (req, res) => {
      const { body } = limitedBody(req, { name: "test", bytes: 1024, seconds: 0.3 }, (status) => refused.push(status));
      // A saturated event loop: nothing runs for longer than the limit, while the
      // client's body (sent 50 ms in) waits in the socket.
      const until = Date.now() + 600;
      while (Date.now() < until);
      const text = await new Response(body).text().catch((e: Error) => `fel: ${e.message}`);
      res.end(text);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as net.AddressInfo;
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, "127.0.0.1", () => {
          socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\n`);
          setTimeout(() => socket.write("hall!"), 50);
        });
        let data = "";
        socket.on("data", (c) => (data += c.toString()));
        socket.on("end", () => resolve(data));
        socket.on("error", reject);
      });
      expect(refused).toEqual([]);
      expect(answer).toMatch(/\r\n\r\nhall!$/);
    } finally {
      server.close();
    }
  });

  it("still answers 408 to a client that does not send its body in time", async () => {
    const refused: BodyRefusal[] = [];
    const server = http.createServer((req, res) => {
      limitedBody(req, { name: "test", bytes: 1024, seconds: 0.2 }, (status) => {
        refused.push(status);
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as net.AddressInfo;
    try {
      const status = await new Promise<string>((resolve) => {
        const socket = net.connect(port, "127.0.0.1", () => socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab`));
        socket.on("data", (c) => {
          resolve(c.toString().split("\r\n")[0]!);
          socket.destroy();
        });
      });
      expect(refused).toEqual([408]);
      expect(status).toBe("HTTP/1.1 408 Request Timeout");
    } finally {
      server.close();
    }
  });
});
