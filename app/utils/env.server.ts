import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "./database-url";

/** An optional secret of at least 32 characters; an empty value counts as unset. */
const secret = () => z.preprocess((v) => (v === "" ? undefined : v), z.string().min(32, "måste vara minst 32 tecken").optional());

/**
 * Typed configuration, checked once at start. A bad value stops the server with a
 * message that names the variable, instead of failing later on a request.
 */
const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .trim()
      .default(DEFAULT_DATABASE_URL)
      .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), "måste börja med file: eller postgres://"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    /** The public address, used in emails and for the Origin check. */
    APP_URL: z.string().url().default("http://localhost:3000"),
    /**
     * Two keyrings, so rotating one never breaks the other (app/utils/crypto.server.ts).
     * SESSION_SECRET signs cookies and encrypts TOTP secrets; LINK_SECRET signs the
     * links in mails. Each is generated and kept in DATA_DIR when unset. A *_PREVIOUS
     * secret is the one before a rotation: still accepted, never used to sign.
     */
    SESSION_SECRET: secret(),
    SESSION_SECRET_PREVIOUS: secret(),
    LINK_SECRET: secret(),
    LINK_SECRET_PREVIOUS: secret(),
    /** smtp://user:pass@host:port. Without it, mail stays in the outbox (demo mode). */
    SMTP_URL: z.string().url().optional(),
    MAIL_FROM: z.string().default("Kommunforum Analytics <noreply@kommunforum.local>"),
    /** The organisation that runs the service: the controller in the privacy notice, named in the footer. */
    OPERATOR_NAME: z.string().trim().min(1).default("Kommunforum Analytics (demoinstallation)"),
    ORGANIZER_NAME: z.string().default("Forumansvarig (demo)"),
    ORGANIZER_TITLE: z.string().default("Concept Manager Analytics och AI"),
    ORGANIZER_EMAIL: z.string().email().default("forum@kommunforum.local"),
    /** Number of proxy hops to trust for the client IP (0 = none). */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    RETENTION_REGISTRATION_MONTHS: z.coerce.number().int().min(1).default(24),
    RETENTION_CONTACT_MONTHS: z.coerce.number().int().min(1).default(24),
    /** Days a sent (or finally failed) mail stays in the outbox, for the organizer's view of what went out. */
    RETENTION_MAIL_DAYS: z.coerce.number().int().min(1).default(90),
    RETENTION_UNVERIFIED_DAYS: z.coerce.number().int().min(1).default(30),
    /** Set to "0" to keep background jobs (outbox sender, scheduler) out of this process. */
    RUN_JOBS: z.enum(["0", "1"]).default("1"),
    DATA_DIR: z.string().default("data"),
    /** Memory for the anonymous page cache in MiB (ADR 013); 0 turns it off. */
    PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
  })
  .refine((e) => !e.LINK_SECRET || e.LINK_SECRET !== e.SESSION_SECRET, {
    message: "måste skilja sig från SESSION_SECRET (varje nyckel har ett enda syfte)",
    path: ["LINK_SECRET"],
  });

export type Env = z.infer<typeof envSchema> & { SESSION_SECRET: string; LINK_SECRET: string };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Ogiltig konfiguration i miljövariablerna:\n${lines.join("\n")}`);
  }
  const value = parsed.data;
  cached = {
    ...value,
    SESSION_SECRET: value.SESSION_SECRET ?? persistedSecret(value.DATA_DIR, ".session-secret"),
    LINK_SECRET: value.LINK_SECRET ?? persistedSecret(value.DATA_DIR, ".link-secret"),
  };
  return cached;
}

/** A random secret kept in the data folder, so a demo install needs no configuration. */
function persistedSecret(dataDir: string, name: string): string {
  const file = path.resolve(dataDir, name);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = crypto.randomBytes(32).toString("hex");
    // "wx" fails if another process won the race; then read theirs.
    try {
      fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}

export const isProduction = () => env().NODE_ENV === "production";

/** The small, non-secret subset that the browser may see. */
export function publicEnv() {
  const e = env();
  return { APP_URL: e.APP_URL, MAIL_MODE: e.SMTP_URL ? ("smtp" as const) : ("outbox" as const), OPERATOR_NAME: e.OPERATOR_NAME };
}

/** What server.js needs from the validated environment. */
export function serverConfig() {
  const e = env();
  return {
    port: e.PORT,
    host: e.HOST,
    https: e.APP_URL.startsWith("https:"),
    trustProxy: e.TRUST_PROXY,
    runJobs: e.RUN_JOBS === "1" && e.NODE_ENV !== "test",
    logRequests: e.NODE_ENV !== "test",
    pageCacheBytes: e.PAGE_CACHE_MB * 1024 * 1024,
  };
}
