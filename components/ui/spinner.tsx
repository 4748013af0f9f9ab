import * as React from "react";
import { LoaderCircleIcon } from "lucide-react";

import { cn } from "@/lib/utils";

type SpinnerProps = Omit<React.ComponentProps<"span">, "children"> & {
  /** What is loading, read out by screen readers ("Loading conversations"). */
  label?: string;
  /** Classes for the spinning icon (size, colour). */
  iconClassName?: string;
};

function Spinner({ label = "Loading", className, iconClassName, ...props }: SpinnerProps) {
  return (
    <span
      role="status"
      data-slot="spinner"
      className={cn("inline-flex items-center justify-center", className)}
      {...props}
    >
      <LoaderCircleIcon aria-hidden="true" className={cn("size-4 animate-spin", iconClassName)} />
      <span className="sr-only">{label}</span>
    </span>
  );
}

export { Spinner, type SpinnerProps };
