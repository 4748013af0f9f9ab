import * as React from "react";

import { cn } from "@/lib/utils";

/** Purely visual; mark the loading region with `aria-busy` (or show a Spinner) for assistive tech. */
function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden="true"
      className={cn("animate-pulse rounded-md bg-accent", className)}
      {...props}
    />
  );
}

export { Skeleton };
