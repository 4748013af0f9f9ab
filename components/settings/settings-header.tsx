import { EyeIcon } from "lucide-react";

/** The top of every settings page: its title, what it is for, and a note when the reader cannot change it. */
export function SettingsHeader({
  title,
  description,
  readOnly,
  children,
}: {
  title: string;
  description: string;
  /** Shows that only administrators change this page. */
  readOnly?: boolean;
  /** Actions next to the title (e.g. "Invite"). */
  children?: React.ReactNode;
}) {
  return (
    <header className="mb-6 grid gap-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
          <p className="mt-1 text-sm text-muted-foreground">{description}</p>
        </div>
        {children && <div className="flex shrink-0 flex-wrap gap-2">{children}</div>}
      </div>
      {readOnly && (
        <p className="flex items-center gap-2 rounded-md border bg-muted/50 px-3 py-2 text-sm text-muted-foreground">
          <EyeIcon className="size-4 shrink-0" aria-hidden="true" />
          You can read these settings; only administrators can change them.
        </p>
      )}
    </header>
  );
}
