"use client";

import { NativeSelect } from "@/components/ui/native-select";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { cn } from "@/lib/utils";

type Section = { href: string; label: string };

/** The settings menu: a column of links on wide screens, a native picker on phones (thumb-friendly, no overflow). */
export function SettingsNav({ sections }: { sections: Section[] }) {
  const pathname = usePathname();
  const router = useRouter();
  const current = sections.find((s) => pathname === s.href || pathname.startsWith(`${s.href}/`));
  return (
    <>
      <div className="shrink-0 border-b px-4 py-3 md:hidden">
        <label htmlFor="settings-section" className="mb-1 block text-xs font-medium text-muted-foreground">
          Settings
        </label>
        <NativeSelect id="settings-section" value={current?.href ?? ""} onChange={(event) => router.push(event.target.value)}>
          {!current && <option value="">Choose a section</option>}
          {sections.map((s) => (
            <option key={s.href} value={s.href}>
              {s.label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <nav aria-label="Settings" className="hidden w-56 shrink-0 overflow-y-auto border-r px-3 py-6 md:block">
        <h2 className="mb-2 px-3 text-xs font-semibold tracking-wide text-muted-foreground uppercase">Settings</h2>
        <ul className="grid gap-0.5">
          {sections.map((s) => {
            const active = s === current;
            return (
              <li key={s.href}>
                <Link
                  href={s.href}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "block rounded-md px-3 py-1.5 text-sm text-muted-foreground outline-hidden transition-colors hover:bg-accent hover:text-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50",
                    active && "bg-accent font-medium text-accent-foreground",
                  )}
                >
                  {s.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </>
  );
}
