/** The recorded details of a change in words: "from → to" pairs and plain values, ids left out. */
function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "on" : "off";
  if (Array.isArray(value)) return value.length ? value.map(show).join(", ") : "none";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function words(key: string): string {
  const spaced = key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return typeof value === "object" && value !== null && "from" in value && "to" in value;
}

export function AuditDetails({ data }: { data: Record<string, unknown> }) {
  const changes = isChange(data) ? { value: data } : ((data.changes as Record<string, unknown> | undefined) ?? data);
  const items = Object.entries(changes).filter(([key]) => !key.endsWith("Id") && !key.endsWith("Ids") && key !== "changes");
  if (!items.length) return null;
  return (
    <ul className="mt-1 grid gap-0.5 text-xs text-muted-foreground">
      {items.map(([key, value]) => (
        <li key={key}>
          {isChange(value) ? (
            <>
              {key === "value" ? "" : `${words(key)}: `}
              {show(value.from)} → {show(value.to)}
            </>
          ) : (
            `${words(key)}: ${show(value)}`
          )}
        </li>
      ))}
    </ul>
  );
}
