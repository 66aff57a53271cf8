import { describe, expect, it } from "vitest";
import { embedUrl, formatTimestamp, parseTimestamp, parseVideoUrl, watchUrl } from "./video";

describe("parseTimestamp", () => {
  it("reads mm:ss and hh:mm:ss", () => {
    expect(parseTimestamp("00:00")).toBe(0);
    expect(parseTimestamp("12:30")).toBe(750);
    expect(parseTimestamp(" 75:05 ")).toBe(4505);
    expect(parseTimestamp("1:05:30")).toBe(3930);
    expect(parseTimestamp("01:05:30")).toBe(3930);
  });

  it("refuses what is not a time", () => {
    for (const bad of ["", "12", "12:60", "1:60:00", "1:5", "-1:00", "1:00:00:00", "ab:cd", "12.30", "1000:00"]) {
      expect(parseTimestamp(bad), bad).toBeNull();
    }
  });

  it("writes seconds back in the same form", () => {
    expect(formatTimestamp(750)).toBe("12:30");
    expect(formatTimestamp(3930)).toBe("1:05:30");
    expect(parseTimestamp(formatTimestamp(5399))).toBe(5399);
  });
});

describe("parseVideoUrl", () => {
  it("recognises YouTube addresses in their common forms", () => {
    for (const url of [
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
      "https://youtu.be/dQw4w9WgXcQ?t=10",
      "https://www.youtube.com/embed/dQw4w9WgXcQ",
      "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
      "https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share",
    ]) {
      expect(parseVideoUrl(url), url).toEqual({ provider: "youtube", id: "dQw4w9WgXcQ", url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ" });
    }
  });

  it("recognises Vimeo, including unlisted videos with a hash", () => {
    expect(parseVideoUrl("https://vimeo.com/76979871")).toMatchObject({ provider: "vimeo", id: "76979871", hash: null });
    expect(parseVideoUrl("https://player.vimeo.com/video/76979871?h=abc123")).toMatchObject({
      provider: "vimeo",
      id: "76979871",
      hash: "abc123",
      url: "https://vimeo.com/76979871/abc123",
    });
  });

  it("accepts a self-hosted https mp4 and refuses everything else", () => {
    expect(parseVideoUrl("https://media.kommun.example/forum/2021.mp4")).toEqual({ provider: "file", url: "https://media.kommun.example/forum/2021.mp4" });
    for (const bad of [
      "http://www.youtube.com/watch?v=dQw4w9WgXcQ",
      "https://www.youtube.com/watch?v=kort",
      "https://evil.example/watch?v=dQw4w9WgXcQ",
      "https://vimeo.com/channels/staffpicks",
      "https://media.kommun.example/forum/2021.avi",
      "javascript:alert(1)//.mp4",
      "https://user:pass@media.kommun.example/a.mp4",
      "inte en adress",
    ]) {
      expect(parseVideoUrl(bad), bad).toBeNull();
    }
  });
});

describe("chapter links and embeds", () => {
  const youtube = parseVideoUrl("https://youtu.be/dQw4w9WgXcQ")!;
  const vimeo = parseVideoUrl("https://vimeo.com/76979871")!;
  const file = parseVideoUrl("https://media.kommun.example/a.mp4")!;

  it("links to the provider at the chapter's time, and to a media fragment for files", () => {
    expect(watchUrl(youtube, 750)).toBe("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=750s");
    expect(watchUrl(vimeo, 750)).toBe("https://vimeo.com/76979871#t=750s");
    expect(watchUrl(file, 750)).toBe("https://media.kommun.example/a.mp4#t=750");
    expect(watchUrl(youtube)).toBe("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
  });

  it("embeds YouTube from the no-cookie host and Vimeo with Do Not Track", () => {
    expect(embedUrl(youtube, 60)).toBe("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0&start=60");
    expect(embedUrl(vimeo)).toBe("https://player.vimeo.com/video/76979871?dnt=1&autoplay=1");
    expect(embedUrl(file)).toBeNull();
  });
});
