/** Text from the search index with its matched words in <mark>, built as React elements (never HTML). */
export type HighlightedParts = ReadonlyArray<{ text: string; match: boolean }>;

export function HighlightedText({ parts }: { parts: HighlightedParts }) {
  return <>{parts.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}</>;
}
