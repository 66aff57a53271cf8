import { dictionary } from "@zxcvbn-ts/language-common";

// The shipped list of common passwords (zxcvbn-ts, ~30 000 entries) plus a few
// Swedish ones that international lists miss.
const SWEDISH = [
  "lösenord",
  "losenord",
  "lösenord1",
  "losenord123",
  "sommar2024",
  "sommar2025",
  "sommar2026",
  "vinter2025",
  "hejsan123",
  "kommun123",
  "kommunen1",
  "sverige1",
  "välkommen1",
  "valkommen1",
  "qwertyuiop",
  "abcd1234",
];
const COMMON = new Set([...(dictionary["passwords-common"] as string[]), ...SWEDISH].map((p) => p.toLowerCase()));

/** A Swedish reason the password is too weak, or null when it is acceptable. */
export function weakPasswordReason(password: string, email?: string): string | null {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return "Lösenordet är för vanligt och lätt att gissa. Välj ett annat, gärna en fras med flera ord.";
  const local = email?.toLowerCase().split("@")[0] ?? "";
  if (local.length >= 4 && lower.includes(local)) {
    return "Lösenordet får inte innehålla din e-postadress.";
  }
  if (/^(.)\1+$/.test(password)) return "Lösenordet får inte bestå av ett enda upprepat tecken.";
  return null;
}
