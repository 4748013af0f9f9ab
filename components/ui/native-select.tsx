import { cn } from "@/lib/utils";

/**
 * The browser's own select, styled like our inputs: right for long lists (time zones, countries) and
 * on phones, where the system picker is easier than a custom popover.
 */
export function NativeSelect({ className, ...props }: React.ComponentProps<"select">) {
  return (
    <select
      className={cn(
        "h-9 w-full rounded-md border border-input bg-background px-3 text-sm shadow-xs outline-hidden focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-destructive dark:bg-input/15 dark:[&>option]:bg-popover",
        className,
      )}
      {...props}
    />
  );
}
