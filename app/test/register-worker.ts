// A second OS process that registers people (proven addresses, as signed-in members
// with a confirmed address do) for an event through the model while
// the HTTP server does the same: `tsx app/test/register-worker.ts <eventId> <count> <prefix>`.
// It imports everything first, prints "ready", waits for "go" on stdin, fires all
// registrations at once and prints one JSON line with the outcomes.
import { registerForEvent } from "~/models/registration.server";
import { disconnectDb, dbReady } from "~/utils/db.server";

const [eventId = "", countArg = "0", prefix = "worker"] = process.argv.slice(2);
const count = Number(countArg);

await dbReady;
process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));

const results = await Promise.all(
  Array.from({ length: count }, (_, i) =>
    registerForEvent({
      eventId,
      email: `${prefix}-${i}@process2.example`,
      name: `Process två ${i}`,
      title: "",
      municipalityCode: "2081",
      organisationName: "",
      userId: null,
      consentInvites: false,
    }).then(
      (r) => r.outcome,
      (error: unknown) => `error: ${error instanceof Error ? error.message : String(error)}`,
    ),
  ),
);
process.stdout.write(JSON.stringify({ results }) + "\n");
await disconnectDb();
process.exit(0);
