import type { Metadata } from "next";
import { SettingsCard } from "@/components/settings/settings-card";
import { SettingsHeader } from "@/components/settings/settings-header";
import { Kbd, KbdGroup } from "@/components/ui/kbd";
import { requireSettingsSection } from "@/lib/settings/access";
import { keyLabel, shortcutScopes, shortcutsByScope, type Shortcut } from "@/lib/shortcuts";

export const metadata: Metadata = { title: "Shortcuts" };

function Keys({ keys }: { keys: string[] }) {
  return (
    <KbdGroup aria-label={keys.map((k) => keyLabel(k).name).join(" + ")}>
      {keys.map((k, i) => (
        <span key={k} className="inline-flex items-center gap-1" aria-hidden="true">
          {i > 0 && <span className="text-xs text-muted-foreground">+</span>}
          <Kbd>{keyLabel(k).text}</Kbd>
        </span>
      ))}
    </KbdGroup>
  );
}

function Combination({ shortcut }: { shortcut: Shortcut }) {
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Keys keys={shortcut.keys} />
      {shortcut.alternatives?.map((alt) => (
        <span key={alt.join("+")} className="inline-flex items-center gap-2">
          <span className="text-xs text-muted-foreground">or</span>
          <Keys keys={alt} />
        </span>
      ))}
    </span>
  );
}

/** Rendered from lib/shortcuts.ts, the one registry the handlers are listed in. */
export default async function ShortcutsPage() {
  const { section } = await requireSettingsSection("shortcuts");
  return (
    <>
      <SettingsHeader title={section.label} description="Keys that save a trip to the mouse. On a Mac, Ctrl is ⌘ (Command)." />
      <div className="grid gap-6">
        {shortcutsByScope().map(({ scope, items }) => (
          <SettingsCard key={scope} title={shortcutScopes[scope].label} description={shortcutScopes[scope].where}>
            <dl className="divide-y">
              {items.map((s) => (
                <div key={s.id} className="flex flex-wrap items-center justify-between gap-x-6 gap-y-1 py-2.5 first:pt-0 last:pb-0">
                  <dt className="text-sm">{s.description}</dt>
                  <dd>
                    <Combination shortcut={s} />
                  </dd>
                </div>
              ))}
            </dl>
          </SettingsCard>
        ))}
      </div>
    </>
  );
}
