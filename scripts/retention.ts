// Runs the data retention now and prints what it did: npm run retention
import { runRetention } from "../app/models/retention.server";
import { dbReady, disconnectDb } from "../app/utils/db.server";

// The connection pragmas must be in place before the retention's transaction
// starts: SQLite refuses to change `synchronous` inside a transaction.
await dbReady;
const result = await runRetention();
console.log(
  `Gallring klar: ${result.anonymisedRegistrations} anmälningar anonymiserade, ` +
    `${result.deletedExpiredRegistrations} obekräftade anmälningar raderade, ` +
    `${result.deletedContactMessages} kontaktmeddelanden raderade, ${result.deletedUnverifiedAccounts} obekräftade konton raderade, ` +
    `${result.deletedMails} skickade mejl raderade, ${result.deletedSessions} utgångna inloggningar raderade.`,
);
await disconnectDb();
