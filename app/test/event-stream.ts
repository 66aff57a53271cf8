/** Live poll numbers as the presenter stream sends them. */
export type PollResults = { respondents: number; rows: { label: string; count: number }[] };

/**
 * Reads a server-sent events response in tests: `nextResults()` resolves with
 * the data of the next "results" event, or throws after 10 s (with what arrived
 * and `describe()`'s extra context, e.g. server logs) or when the stream ends.
 */
export function resultsStream(res: Response, describe: () => string = () => "") {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async nextResults(): Promise<PollResults> {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const match = buffer.match(/event: results\ndata: (.*)\n\n/);
        if (match) {
          buffer = buffer.slice(match.index! + match[0].length);
          return JSON.parse(match[1]!);
        }
        if (Date.now() > deadline) throw new Error(`no results event; got: ${buffer}\n${describe()}`);
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        buffer += decoder.decode(value, { stream: true });
      }
    },
  };
}
