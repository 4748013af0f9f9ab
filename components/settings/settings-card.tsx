import { cn } from "@/lib/utils";

/** One block of a settings page: a titled section (a landmark with its heading) and its content. */
export function SettingsCard({
  title,
  description,
  children,
  footer,
  className,
  id,
}: {
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  /** Usually the save button, set apart at the bottom. */
  footer?: React.ReactNode;
  className?: string;
  id?: string;
}) {
  const headingId = `${id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-heading`;
  return (
    <section aria-labelledby={headingId} className={cn("rounded-xl border bg-card text-card-foreground shadow-xs", className)}>
      <div className="grid gap-1 px-4 pt-4 sm:px-6 sm:pt-5">
        <h2 id={headingId} className="text-base font-semibold">
          {title}
        </h2>
        {description && <div className="text-sm text-muted-foreground">{description}</div>}
      </div>
      <div className="px-4 py-4 sm:px-6 sm:py-5">{children}</div>
      {footer && <div className="flex flex-wrap items-center justify-end gap-2 border-t px-4 py-3 sm:px-6">{footer}</div>}
    </section>
  );
}
