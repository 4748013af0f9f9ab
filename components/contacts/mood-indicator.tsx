import { FrownIcon, MehIcon, SmileIcon } from "lucide-react";
import { languageName } from "@/lib/names";
import { cn } from "@/lib/utils";

const moods = {
  positive: { icon: SmileIcon, label: "Positive", className: "text-success" },
  neutral: { icon: MehIcon, label: "Neutral", className: "text-muted-foreground" },
  negative: { icon: FrownIcon, label: "Negative", className: "text-destructive" },
} as const;

/** The language the customer writes in (code) and the mood of their recent messages (icon); nothing when unknown. */
export function MoodIndicator({
  language,
  sentiment,
  className,
}: {
  language: string | null;
  sentiment: keyof typeof moods | null;
  className?: string;
}) {
  if (!language && !sentiment) return null;
  const mood = sentiment ? moods[sentiment] : null;
  const words = [language ? `Writes in ${languageName(language)}` : null, mood ? `mood ${mood.label.toLowerCase()}` : null].filter(Boolean).join(", ");
  return (
    <span className={cn("inline-flex items-center gap-1 text-xs text-muted-foreground", className)} title={words}>
      <span className="sr-only">{words}</span>
      {language && (
        <span aria-hidden="true" className="rounded border px-1 font-mono text-[10px] leading-4 uppercase">
          {language}
        </span>
      )}
      {mood && <mood.icon aria-hidden="true" className={cn("size-3.5", mood.className)} />}
    </span>
  );
}
