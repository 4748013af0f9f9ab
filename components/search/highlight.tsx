import { headlineParts } from "@/lib/search/keys";

/** A search excerpt: the customer's words as text, the matches in <mark>. Never rendered as HTML. */
export function Highlight({ headline }: { headline: string }) {
  return (
    <>
      {headlineParts(headline).map((part, i) =>
        part.match ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-foreground dark:bg-amber-500/40">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
