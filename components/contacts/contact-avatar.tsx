"use client";

import { Avatar, AvatarFallback, getInitials } from "@/components/ui/avatar";

/** A contact's initials in a circle (getInitials lives with the client-side Avatar). */
export function ContactAvatar({ label, className }: { label: string; className?: string }) {
  return (
    <Avatar className={className}>
      <AvatarFallback className="text-xs">{getInitials(label)}</AvatarFallback>
    </Avatar>
  );
}
