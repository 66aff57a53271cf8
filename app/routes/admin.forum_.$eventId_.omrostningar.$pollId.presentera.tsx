import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import QRCode from "qrcode";
import { Fragment, useEffect, useState } from "react";
import { PollChart } from "~/components/poll-chart";
import { PollStateButtons } from "~/components/poll-state-buttons";
import { getLiveResults, getPollForAdmin, type LiveResults } from "~/models/poll-admin.server";
import { requireRole } from "~/models/auth.server";
import { env } from "~/utils/env.server";
import { formatNumber } from "~/utils/format";
import { pageMeta } from "~/utils/meta";
import { pollAdminHref, pollLiveHref, voteHref } from "~/utils/links";
import { pollStateLabel } from "~/validation/poll";
import { requireParam } from "~/utils/http.server";
import type { RouteHandle } from "~/utils/route-handle";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(`Presentera ${data.poll.code}`, "Live-resultat att dela på skärmen under forumet.")
    : pageMeta("Omröstningen finns inte", "Vi hittade ingen omröstning.");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  const poll = await getPollForAdmin(
    requireParam(params, "eventId", "cuid", "Omröstningen finns inte"),
    requireParam(params, "pollId", "cuid", "Omröstningen finns inte"),
  );
  if (!poll || poll.imported) throw new Response("Omröstningen finns inte", { status: 404 });
  const live = await getLiveResults(poll.id);
  if (!live) throw new Response("Omröstningen finns inte", { status: 404 });
  const appUrl = new URL(env().APP_URL);
  const voteUrl = new URL(voteHref(poll.code), appUrl).href;
  const qr = await QRCode.toString(voteUrl, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return json(
    {
      poll: { id: poll.id, eventId: poll.eventId, code: poll.code, question: poll.question, multipleChoice: poll.multipleChoice, eventTitle: poll.event.title },
      live,
      voteUrl,
      shortUrl: `${appUrl.host}${voteHref(poll.code)}`,
      qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(qr).toString("base64")}`,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

const SAVED: Record<string, string> = {
  oppnad: "Omröstningen är öppen för röster.",
  stangd: "Omröstningen är stängd.",
  publicerad: "Resultatet är publicerat.",
  avpublicerad: "Resultatet är inte längre publicerat.",
};

/** Live counts over Server-Sent Events; without JavaScript the page shows the numbers of its last load. */
function useLiveResults(initial: LiveResults, url: string) {
  const [live, setLive] = useState(initial);
  const [connected, setConnected] = useState(false);
  useEffect(() => setLive(initial), [initial]);
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(url);
    source.addEventListener("open", () => setConnected(true));
    source.addEventListener("error", () => setConnected(false));
    source.addEventListener("results", (event) => {
      try {
        setLive(JSON.parse((event as MessageEvent<string>).data) as LiveResults);
      } catch {
        // A garbled event: keep the last good numbers.
      }
    });
    return () => source.close();
  }, [url]);
  return { live, connected };
}

/** The projector shows only the page: no banner, header or footer (root.tsx). */
export const handle: RouteHandle = { chrome: false };

/** "host/rosta/CODE" that may break only before a slash, never inside a word. */
function ShortUrl({ url }: { url: string }) {
  const parts = url.split("/");
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? (
            <>
              <wbr />/
            </>
          ) : null}
          {part}
        </Fragment>
      ))}
    </>
  );
}

/**
 * A full-screen view for the projector (presentera): the question, the live chart
 * and, large, how to vote (address, QR code, code). The organizer's controls are in
 * a strip at the top that stays out of sight until the pointer or the keyboard
 * focus reaches it; the poll's own page works as a control window beside it.
 */
export default function Presenter() {
  const { poll, live: initial, voteUrl, shortUrl, qrDataUrl } = useLoaderData<typeof loader>();
  const { live, connected } = useLiveResults(initial, pollLiveHref(poll.eventId, poll.id));
  const [searchParams] = useSearchParams();
  const saved = searchParams.get("sparat");
  return (
    <div className="presenter">
      <div className="presenter__controls" aria-labelledby="styrning">
        <h2 id="styrning" className="visually-hidden">
          Styrning för forumansvarig
        </h2>
        <p>
          <Link to={pollAdminHref(poll.eventId, poll.id)}>Tillbaka till omröstningen</Link>
        </p>
        {saved && SAVED[saved] ? (
          <p className="presenter__saved" role="status">
            {SAVED[saved]}
          </p>
        ) : null}
        <PollStateButtons state={live.state} action={pollAdminHref(poll.eventId, poll.id)} back="presenter" />
        <p>
          {connected ? "Siffrorna uppdateras automatiskt." : "Siffrorna visas som när sidan laddades."} <Link to=".">Uppdatera</Link>
        </p>
      </div>
      <p className="presenter__event">{poll.eventTitle}</p>
      <h1 className="presenter__question">{poll.question}</h1>
      <div className="presenter__grid">
        <div className="presenter__chart">
          <p className="presenter__count" aria-live="polite" aria-atomic="true" id="antal-svar">
            <strong>{formatNumber(live.respondents)}</strong> svar · {pollStateLabel(live.state)}
          </p>
          <PollChart id="live" title={poll.question} rows={live.rows} respondents={live.respondents} multipleChoice={poll.multipleChoice} size="large" />
        </div>
        <aside className="presenter__vote" aria-labelledby="rosta-rubrik">
          <h2 id="rosta-rubrik">Rösta på</h2>
          <p className="presenter__url">
            <a href={voteUrl}>
              <ShortUrl url={shortUrl} />
            </a>
          </p>
          <img src={qrDataUrl} alt={`QR-kod till ${voteUrl}`} width={480} height={480} className="presenter__qr" />
          <p className="presenter__code-label">
            eller gå till <strong>/rosta</strong> och skriv koden
          </p>
          <p className="presenter__code">{poll.code}</p>
        </aside>
      </div>
    </div>
  );
}
