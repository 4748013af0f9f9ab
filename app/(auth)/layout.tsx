import { MessagesSquareIcon } from "lucide-react";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-8 bg-muted/40 px-4 py-10">
      <div className="flex items-center gap-2 text-lg font-semibold">
        <span className="flex size-9 items-center justify-center rounded-lg bg-primary text-primary-foreground">
          <MessagesSquareIcon className="size-5" aria-hidden="true" />
        </span>
        Switchboard
      </div>
      {children}
    </main>
  );
}
