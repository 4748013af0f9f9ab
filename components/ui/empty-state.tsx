import * as React from "react";

import { cn } from "@/lib/utils";

type EmptyStateProps = Omit<React.ComponentProps<"div">, "title"> & {
  /** An icon component, e.g. a lucide icon (decorative). */
  icon?: React.ComponentType<{ className?: string }>;
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Usually a `<Button>`: the one thing to do next. */
  action?: React.ReactNode;
  /** Heading level of the title, so it fits the page outline. */
  headingLevel?: 2 | 3 | 4;
};

function EmptyState({
  icon: Icon,
  title,
  description,
  action,
  headingLevel = 3,
  className,
  ...props
}: EmptyStateProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex min-w-0 flex-col items-center justify-center gap-4 rounded-lg p-6 text-center text-balance md:p-10",
        className,
      )}
      {...props}
    >
      {Icon && (
        <div
          aria-hidden="true"
          className="flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground"
        >
          <Icon className="size-6" />
        </div>
      )}
      <div className="flex max-w-sm flex-col items-center gap-1.5">
        <Heading className="text-base font-semibold tracking-tight">{title}</Heading>
        {description && <div className="text-sm text-muted-foreground">{description}</div>}
      </div>
      {action && <div className="flex flex-wrap items-center justify-center gap-2">{action}</div>}
    </div>
  );
}

export { EmptyState, type EmptyStateProps };
