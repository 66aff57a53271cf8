// Promotes an existing account to admin: npm run user:admin -- <email>
import { promoteToAdmin } from "../app/models/user.server";
import { dbReady } from "../app/utils/db.server";

const email = process.argv[2]?.trim();
if (!email || !email.includes("@")) {
  console.error("Ange e-postadressen till ett befintligt konto: npm run user:admin -- namn@exempel.se");
  process.exit(2);
}
await dbReady; // pragmas first: `synchronous` cannot change inside a transaction
if (await promoteToAdmin(email)) {
  console.log(`${email} är nu administratör. Vid nästa inloggning måste kontot slå på tvåstegsverifiering.`);
} else {
  console.error(`Hittade inget konto med adressen ${email}.`);
  process.exit(1);
}
