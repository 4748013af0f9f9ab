"use client";

import { BarChart3Icon, ContactIcon, InboxIcon, MenuIcon, MessagesSquareIcon, SearchIcon, SettingsIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { PresenceHeartbeat } from "@/components/app-shell/presence-heartbeat";
import { UserMenu, type ShellUser } from "@/components/app-shell/user-menu";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { TooltipProvider } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";

const icons = { inbox: InboxIcon, search: SearchIcon, contacts: ContactIcon, statistics: BarChart3Icon, settings: SettingsIcon };
export type NavItem = { href: string; label: string; icon: keyof typeof icons };

function NavLinks({ nav, onNavigate, compact }: { nav: NavItem[]; onNavigate?: () => void; compact?: boolean }) {
  const pathname = usePathname();
  return (
    <ul className="grid gap-1">
      {nav.map((item) => {
        const Icon = icons[item.icon];
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              title={compact ? item.label : undefined}
              className={cn(
                "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-sidebar-foreground/80 outline-hidden transition-colors hover:bg-sidebar-accent hover:text-sidebar-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50",
                active && "bg-sidebar-accent text-sidebar-accent-foreground",
                compact && "justify-center px-0",
              )}
            >
              <Icon className="size-5 shrink-0" aria-hidden="true" />
              <span className={cn(compact && "sr-only")}>{item.label}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

function Brand({ companyName, compact }: { companyName: string; compact?: boolean }) {
  return (
    <div className={cn("flex items-center gap-2 px-2", compact && "justify-center px-0")}>
      <span className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-primary text-primary-foreground">
        <MessagesSquareIcon className="size-4" aria-hidden="true" />
      </span>
      <span className={cn("min-w-0 leading-tight", compact && "sr-only")}>
        <span className="block text-sm font-semibold">Switchboard</span>
        <span className="block truncate text-xs text-muted-foreground">{companyName}</span>
      </span>
    </div>
  );
}

/**
 * The frame around every signed-in page: a narrow sidebar on large screens (labels on wide ones), a top
 * bar with a menu sheet on phones.
 */
export function AppShell({
  user,
  companyName,
  nav,
  children,
}: {
  user: ShellUser;
  companyName: string;
  nav: NavItem[];
  children: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <TooltipProvider delayDuration={300}>
      <PresenceHeartbeat />
      <div className="flex h-dvh flex-col bg-background md:flex-row">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2 focus:shadow"
        >
          Skip to content
        </a>
        <header className="flex h-14 shrink-0 items-center justify-between border-b px-3 md:hidden">
          <Sheet open={open} onOpenChange={setOpen}>
            <SheetTrigger asChild>
              <Button variant="ghost" size="icon" aria-label="Open menu">
                <MenuIcon />
              </Button>
            </SheetTrigger>
            <SheetContent side="left" className="w-72 bg-sidebar p-4">
              <SheetTitle className="sr-only">Menu</SheetTitle>
              <nav aria-label="Main" className="mt-8 grid gap-6">
                <Brand companyName={companyName} />
                <NavLinks nav={nav} onNavigate={() => setOpen(false)} />
              </nav>
            </SheetContent>
          </Sheet>
          <Brand companyName={companyName} />
          <UserMenu user={user} />
        </header>
        <nav
          aria-label="Main"
          className="hidden w-16 shrink-0 flex-col justify-between border-r bg-sidebar px-2 py-4 md:flex 2xl:w-56 2xl:px-3"
        >
          <div className="grid gap-6">
            <div className="2xl:hidden">
              <Brand companyName={companyName} compact />
            </div>
            <div className="hidden 2xl:block">
              <Brand companyName={companyName} />
            </div>
            <div className="2xl:hidden">
              <NavLinks nav={nav} compact />
            </div>
            <div className="hidden 2xl:block">
              <NavLinks nav={nav} />
            </div>
          </div>
          <UserMenu user={user} showName />
        </nav>
        <main id="main" className="min-h-0 min-w-0 flex-1">
          {children}
        </main>
      </div>
    </TooltipProvider>
  );
}
