/**
 * Video addresses and chapter times, shared by the organizer's forms (server) and
 * the recording player (browser). Pure functions, no network.
 */
export type VideoProvider = "youtube" | "vimeo" | "file";

export type VideoSource =
  { provider: "youtube"; id: string; url: string } | { provider: "vimeo"; id: string; hash: string | null; url: string } | { provider: "file"; url: string };

const YOUTUBE_HOSTS = new Set(["youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com", "youtube-nocookie.com"]);
const VIMEO_HOSTS = new Set(["vimeo.com", "www.vimeo.com", "player.vimeo.com"]);
const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

/**
 * Recognises a YouTube or Vimeo address, or a self-hosted https mp4 file, and
 * returns it in one canonical form. Anything else (http, other hosts, other
 * file types) is null.
 */
export function parseVideoUrl(input: string): VideoSource | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.username || url.password) return null;
  const host = url.hostname.toLowerCase();
  const segments = url.pathname.split("/").filter(Boolean);

  if (YOUTUBE_HOSTS.has(host)) {
    let id: string | null = null;
    if (host === "youtu.be") id = segments[0] ?? null;
    else if (url.pathname === "/watch") id = url.searchParams.get("v");
    else if (["embed", "shorts", "live", "v"].includes(segments[0] ?? "")) id = segments[1] ?? null;
    if (!id || !YOUTUBE_ID.test(id)) return null;
    return { provider: "youtube", id, url: `https://www.youtube.com/watch?v=${id}` };
  }

  if (VIMEO_HOSTS.has(host)) {
    // vimeo.com/123, vimeo.com/123/abcdef (unlisted), player.vimeo.com/video/123?h=abcdef
    const rest = host === "player.vimeo.com" && segments[0] === "video" ? segments.slice(1) : segments;
    const id = rest[0] ?? "";
    if (!/^\d{1,12}$/.test(id)) return null;
    const hash = rest[1] ?? url.searchParams.get("h");
    if (hash !== null && !/^[A-Za-z0-9]{1,40}$/.test(hash)) return null;
    return { provider: "vimeo", id, hash, url: `https://vimeo.com/${id}${hash ? `/${hash}` : ""}` };
  }

  if (/\.mp4$/i.test(url.pathname)) {
    url.hash = "";
    return { provider: "file", url: url.toString() };
  }
  return null;
}

/** The provider's own page, starting at `seconds` (for links that work without JavaScript). */
export function watchUrl(source: VideoSource, seconds = 0): string {
  const t = Math.max(0, Math.floor(seconds));
  switch (source.provider) {
    case "youtube":
      return t ? `${source.url}&t=${t}s` : source.url;
    case "vimeo":
      return t ? `${source.url}#t=${t}s` : source.url;
    case "file":
      // A media fragment: browsers start the file at that second.
      return t ? `${source.url}#t=${t}` : source.url;
  }
}

/** The embeddable player: YouTube's privacy-enhanced host, Vimeo with Do Not Track. */
export function embedUrl(source: VideoSource, seconds = 0): string | null {
  const t = Math.max(0, Math.floor(seconds));
  if (source.provider === "youtube") {
    return `https://www.youtube-nocookie.com/embed/${source.id}?autoplay=1&rel=0${t ? `&start=${t}` : ""}`;
  }
  if (source.provider === "vimeo") {
    const h = source.hash ? `&h=${source.hash}` : "";
    return `https://player.vimeo.com/video/${source.id}?dnt=1&autoplay=1${h}${t ? `#t=${t}s` : ""}`;
  }
  return null;
}

export const providerName = (provider: VideoProvider) => (provider === "youtube" ? "YouTube" : provider === "vimeo" ? "Vimeo" : "webbplatsen");

/**
 * "mm:ss" or "hh:mm:ss" to seconds. Minutes may run past 59 in the short form
 * ("75:30"), but not when hours are given. Null when it is not a time.
 */
export function parseTimestamp(input: string): number | null {
  const value = input.trim();
  const long = /^(\d{1,2}):([0-5]\d):([0-5]\d)$/.exec(value);
  if (long) return Number(long[1]) * 3600 + Number(long[2]) * 60 + Number(long[3]);
  const short = /^(\d{1,3}):([0-5]\d)$/.exec(value);
  if (short) return Number(short[1]) * 60 + Number(short[2]);
  return null;
}

/** 75 → "1:15", 3930 → "1:05:30". */
export function formatTimestamp(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, "0");
  return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** 5400 → "1 tim 30 min", for people (and screen readers). */
export function formatDuration(totalSeconds: number): string {
  const minutes = Math.round(totalSeconds / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  return m ? `${h} tim ${m} min` : `${h} tim`;
}
