// `npm run db:seed`: reference data, tags, categories and demo content.
// Safe to run again; it only creates what is missing (seed-database.server.ts).
// SEED_DEMO=0 leaves out the demo accounts and demo content.
import { seedDatabase } from "./seed-database.server";
import { dbReady, disconnectDb } from "~/utils/db.server";

async function main() {
  // Pragmas first: SQLite refuses to change them once the seed's transactions run.
  await dbReady;
  const result = await seedDatabase({ demo: process.env.SEED_DEMO !== "0" });
  const { counts } = result;

  console.log(result.created.length ? `Seed klar. Nytt: ${result.created.join(", ")}.` : "Seed klar. Allt fanns redan, inget ändrades.");
  console.log(
    `Databasen har ${counts.counties} län, ${counts.municipalities} kommuner, ${counts.tags} taggar, ` +
      `${counts.categories} diskussionskategorier, ${counts.users} användare, ${counts.events} forum, ` +
      `${counts.polls} omröstningar, ${counts.cases} case och ${counts.articles} artiklar.`,
  );

  if (result.credentials.length) {
    console.log("\nDemoinloggningar (endast för lokal användning, aldrig i produktion):");
    for (const c of result.credentials) console.log(`  ${c.role.padEnd(9)} ${c.email.padEnd(32)} ${c.password}`);
    console.log("Lösenorden sätts bara när kontot skapas. Har kontot ändrats sedan dess gäller det nya lösenordet.");
  }
}

main()
  .catch((error) => {
    console.error("Seed misslyckades:", error);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
