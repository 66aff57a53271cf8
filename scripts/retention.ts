// Runs the data retention now and prints what it did: npm run retention
import { runRetention } from "../app/models/retention.server";

const result = await runRetention();
console.log(
  `Gallring klar: ${result.anonymisedRegistrations} anmälningar anonymiserade, ` +
    `${result.deletedContactMessages} kontaktmeddelanden raderade, ${result.deletedUnverifiedAccounts} obekräftade konton raderade.`,
);
