// A local SMTP server for development: stores every message as JSON instead of
// delivering it. Usage: npm run mail:sink -- [--port 2525] [--dir .tmp/mail]
// Then run the app with SMTP_URL=smtp://127.0.0.1:2525.
import { parseArgs } from "node:util";
import { DEFAULT_SINK_DIR, DEFAULT_SINK_PORT, startSmtpSink } from "../app/test/smtp-sink";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: String(DEFAULT_SINK_PORT) },
    dir: { type: "string", default: DEFAULT_SINK_DIR },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Ogiltig port: ${values.port}`);
  process.exit(2);
}

const sink = await startSmtpSink({ port, dir: values.dir });
console.log(`SMTP-sänkan lyssnar på 127.0.0.1:${sink.port} och sparar mejl i ${sink.dir}`);
console.log(`Starta appen med SMTP_URL=smtp://127.0.0.1:${sink.port}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await sink.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
