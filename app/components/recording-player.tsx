import { Link } from "@remix-run/react";
import type { MouseEvent } from "react";
import { useEffect, useRef, useState } from "react";
import { embedUrl, formatDuration, formatTimestamp, parseVideoUrl, providerName, watchUrl } from "~/utils/video";

/**
 * A forum recording with its chapters.
 *
 * YouTube and Vimeo are third parties: nothing is loaded from them until the viewer
 * clicks "Visa videon". Before that the page shows only a local placeholder. Without
 * JavaScript the button is a plain link to the video on the provider's own site.
 * A self-hosted mp4 plays in <video>, with Swedish captions when there are any.
 */
export type PlayerRecording = {
  videoUrl: string;
  provider: string;
  durationSeconds: number | null;
  captionsUrl: string | null;
  chapters: { id: string; startSeconds: number; title: string }[];
};

export function RecordingPlayer({ recording, title }: { recording: PlayerRecording; title: string }) {
  const source = parseVideoUrl(recording.videoUrl);
  // null: the third-party player is not loaded. A number: loaded, starting at that second.
  const [start, setStart] = useState<number | null>(null);
  const [focusPlayer, setFocusPlayer] = useState(false);
  const videoRef = useRef<HTMLVideoElement>(null);
  const frameRef = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    if (focusPlayer) frameRef.current?.focus();
  }, [focusPlayer, start]);

  if (!source) return <NoVideo recording={recording} />;
  const provider = providerName(source.provider);

  const load = (seconds: number) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    setStart(seconds);
    setFocusPlayer(true);
  };

  const jump = (seconds: number) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (source.provider === "file") {
      const video = videoRef.current;
      if (!video) return;
      event.preventDefault();
      video.currentTime = seconds;
      void video.play().catch(() => undefined);
      video.focus();
    } else if (start !== null) {
      // The viewer has already chosen to load the player: restart it at the chapter.
      event.preventDefault();
      setStart(seconds);
      setFocusPlayer(true);
    }
    // Otherwise the link opens the provider's page at that time.
  };

  return (
    <div className="video">
      <div className="video__frame">
        {source.provider === "file" ? (
          <video ref={videoRef} controls preload="metadata" src={source.url}>
            {recording.captionsUrl ? <track kind="captions" srcLang="sv" label="Svenska" src={recording.captionsUrl} default /> : null}
            <p>
              Din webbläsare kan inte spela videon här. <a href={source.url}>Öppna videofilen</a>.
            </p>
          </video>
        ) : start === null ? (
          <div className="video__placeholder">
            <p>
              Videon ligger hos {provider}. Den laddas först när du väljer att visa den. Då hämtar din webbläsare innehåll från {provider}, som kan se din
              IP-adress.
            </p>
            <a className="button" href={watchUrl(source)} onClick={load(0)} data-testid="load-video">
              Visa videon (laddas från {provider})
            </a>
          </div>
        ) : (
          <iframe
            key={start}
            ref={frameRef}
            src={embedUrl(source, start) ?? undefined}
            title={`Inspelning: ${title}`}
            allow="autoplay; fullscreen; picture-in-picture; encrypted-media"
            allowFullScreen
            referrerPolicy="strict-origin-when-cross-origin"
          />
        )}
      </div>
      {recording.durationSeconds ? <p className="muted">Längd: {formatDuration(recording.durationSeconds)}</p> : null}
      {recording.chapters.length ? (
        <>
          <h3 id="kapitel">Kapitel</h3>
          {source.provider !== "file" ? <p className="field__hint">Om du inte har startat videon här öppnas kapitlen hos {provider}.</p> : null}
          <ol className="chapters" aria-labelledby="kapitel">
            {recording.chapters.map((chapter) => (
              <li key={chapter.id}>
                <a href={watchUrl(source, chapter.startSeconds)} onClick={jump(chapter.startSeconds)}>
                  <span className="chapters__time">{formatTimestamp(chapter.startSeconds)}</span> {chapter.title}
                </a>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
}

/**
 * A recording entry without a video on the site (an empty address, as the demo
 * forum of 2021 has), or with one that cannot be shown: ask the organizer. The
 * chapters are plain text, since there is nothing to jump in.
 */
function NoVideo({ recording }: { recording: PlayerRecording }) {
  return (
    <div className="video">
      <p>
        {recording.videoUrl.trim() === "" ? "Videon finns inte på webbplatsen." : "Videon kan inte visas just nu."} Vill du se inspelningen?{" "}
        <Link to="/kontakt">Be forumansvarig om den</Link>.
      </p>
      {recording.durationSeconds ? <p className="muted">Längd: {formatDuration(recording.durationSeconds)}</p> : null}
      {recording.chapters.length ? (
        <>
          <h3 id="kapitel">Innehåll</h3>
          <ol className="chapters" aria-labelledby="kapitel">
            {recording.chapters.map((chapter) => (
              <li key={chapter.id}>
                <span className="chapters__time">{formatTimestamp(chapter.startSeconds)}</span> {chapter.title}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
}
