import { Fragment } from "react";
import { shortcutById } from "@/components/shortcuts/keys";
import { Kbd, KbdGroup } from "@/components/ui/kbd";
import { keyLabel } from "@/lib/shortcuts";
import { cn } from "@/lib/utils";

/** The keys of a combination as <Kbd>s, named for screen readers ("Shift A", "Control or Command K"). */
export function KeysOf({ keys, className }: { keys: string[]; className?: string }) {
  return (
    <KbdGroup className={className} aria-label={keys.map((k) => keyLabel(k).name).join(" ")}>
      {keys.map((k, i) => (
        <Fragment key={`${k}-${i}`}>
          <Kbd aria-hidden="true">{keyLabel(k).text}</Kbd>
        </Fragment>
      ))}
    </KbdGroup>
  );
}

/** The keys of a registered shortcut, or nothing when the id is unknown. */
export function ShortcutKeys({ id, className }: { id: string; className?: string }) {
  const shortcut = shortcutById(id);
  return shortcut ? <KeysOf keys={shortcut.keys} className={cn("ml-auto", className)} /> : null;
}

const ariaNames: Record<string, string> = { Mod: "Control", Ctrl: "Control", Escape: "Escape" };

/** The aria-keyshortcuts value of a registered shortcut ("Shift+A", "Control+K Meta+K"). */
export function ariaKeyShortcuts(id: string): string | undefined {
  const shortcut = shortcutById(id);
  if (!shortcut || shortcut.keys.some((k) => k.includes("…"))) return undefined;
  const join = (keys: string[]) => keys.map((k) => ariaNames[k] ?? (k.length === 1 ? k.toUpperCase() : k)).join("+");
  const main = join(shortcut.keys);
  return shortcut.keys.includes("Mod") ? `${main} ${join(shortcut.keys.map((k) => (k === "Mod" ? "Meta" : k)))}` : main;
}
