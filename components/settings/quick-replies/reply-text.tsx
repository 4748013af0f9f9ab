import { isKnown, parts, type PlaceholderValues } from "@/lib/quick-replies/placeholders";
import { cn } from "@/lib/utils";

/**
 * A quick reply as text with its placeholders made visible: as tokens (the list; an unknown one in red),
 * or filled with `values` (the preview; one that cannot be filled in red, as the composer will show it).
 */
export function ReplyText({ body, values, className }: { body: string; values?: PlaceholderValues; className?: string }) {
  return (
    <p className={cn("whitespace-pre-wrap wrap-anywhere", className)}>
      {parts(body, values ?? {}).map((part, i) => {
        if (part.kind === "text") return <span key={i}>{part.text}</span>;
        if (part.kind === "value") {
          return (
            <mark key={i} title={`{{${part.name}}}`} className="rounded-sm bg-transparent font-semibold text-inherit underline decoration-dotted underline-offset-2">
              {part.text}
            </mark>
          );
        }
        const problem = values !== undefined || !isKnown(part.name);
        return (
          <span
            key={i}
            className={cn("rounded px-1 font-mono text-[0.85em]", problem ? "bg-destructive/15 text-destructive" : "bg-muted text-muted-foreground")}
          >
            {part.text}
          </span>
        );
      })}
    </p>
  );
}
