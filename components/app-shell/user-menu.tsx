"use client";

import { LogOutIcon, MessageCircleIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { Avatar, AvatarFallback, AvatarImage, getInitials } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { Role } from "@/lib/auth/permissions";
import { signOut } from "@/lib/auth/sign-out";
import { cn } from "@/lib/utils";

export type ShellUser = { id: string; name: string; email: string; role: Role; avatarUrl: string | null };

const roleLabels: Record<Role, string> = {
  admin: "Administrator",
  supervisor: "Supervisor",
  agent: "Agent",
  watcher: "Watcher",
  disabled: "Disabled",
};

export function UserMenu({ user, showName }: { user: ShellUser; showName?: boolean }) {
  const router = useRouter();
  // We redirect ourselves: next-auth's redirect URL comes from NEXTAUTH_URL, which a local install need not set.
  const leave = async () => {
    await signOut();
    router.replace("/sign-in");
    router.refresh();
  };
  return (
    <div className={cn("flex items-center gap-1", showName && "flex-col 2xl:flex-row")}>
      <ThemeToggle />
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" className={cn("h-auto gap-2 px-1.5 py-1.5", showName && "2xl:flex-1 2xl:justify-start")} aria-label={`Account: ${user.name}`}>
            <Avatar className="size-8">
              {user.avatarUrl && <AvatarImage src={user.avatarUrl} alt="" />}
              <AvatarFallback>{getInitials(user.name)}</AvatarFallback>
            </Avatar>
            {showName && (
              <span className="hidden min-w-0 text-left leading-tight 2xl:block">
                <span className="block truncate text-sm font-medium">{user.name}</span>
                <span className="block truncate text-xs text-muted-foreground">{roleLabels[user.role]}</span>
              </span>
            )}
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" side="top" className="w-60">
          <DropdownMenuLabel className="font-normal">
            <span className="block truncate text-sm font-medium">{user.name}</span>
            <span className="block truncate text-xs text-muted-foreground">{user.email}</span>
            <span className="block text-xs text-muted-foreground">{roleLabels[user.role]}</span>
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuItem asChild>
            <a href="/demo" target="_blank" rel="noreferrer">
              <MessageCircleIcon aria-hidden="true" />
              Try the web chat as a customer
            </a>
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => void leave()}>
            <LogOutIcon aria-hidden="true" />
            Sign out
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </div>
  );
}
