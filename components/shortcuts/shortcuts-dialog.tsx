"use client";

import Link from "next/link";
import { KeysOf } from "@/components/shortcuts/shortcut-keys";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { shortcutScopes, shortcutsByScope } from "@/lib/shortcuts";

/** The `?` overlay: the whole shortcut registry, grouped by where each shortcut works. */
export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Keyboard shortcuts</DialogTitle>
          <DialogDescription>
            Single keys work when you are not typing in a field; press Esc to leave the reply box. Also on the{" "}
            <Link href="/settings/shortcuts" className="text-primary underline-offset-4 hover:underline" onClick={() => onOpenChange(false)}>
              Shortcuts page
            </Link>
            .
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-5 sm:grid-cols-2">
          {shortcutsByScope().map(({ scope, items }) => (
            <section key={scope} aria-labelledby={`shortcuts-${scope}`} className="grid content-start gap-1.5">
              <h3 id={`shortcuts-${scope}`} className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">
                {shortcutScopes[scope].label}
              </h3>
              <dl className="grid gap-1">
                {items.map((s) => (
                  <div key={s.id} className="flex items-center justify-between gap-3 text-sm">
                    <dt className="min-w-0">{s.description}</dt>
                    <dd className="shrink-0">
                      <KeysOf keys={s.keys} />
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </DialogContent>
    </Dialog>
  );
}
