import { BanIcon, StarIcon } from "lucide-react";
import Link from "next/link";
import { ChannelIcon } from "@/components/channel-icon";
import { ContactAvatar } from "@/components/contacts/contact-avatar";
import { Badge } from "@/components/ui/badge";
import type { ChannelKind } from "@/lib/channels/types";
import { formatPhone } from "@/lib/contacts/contact.validation";
import { countryName } from "@/lib/names";
import type { ContactListRow } from "@/lib/contacts/queries";
import { customerLabel } from "@/lib/format";

/** One contact in the address book: who, how to reach them, where they are, on which channels. */
export function ContactRow({ row }: { row: ContactListRow }) {
  const label = customerLabel(row.name, row.handle ?? row.email ?? row.phone);
  const more = (n: number) => (n > 1 ? ` +${n - 1}` : "");
  const place = [row.city, countryName(row.country)].filter(Boolean).join(", ");
  return (
    <li>
      <Link
        href={`/contacts/${row.id}`}
        className="grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-1 px-3 py-2.5 outline-hidden hover:bg-accent/50 focus-visible:bg-accent md:grid-cols-[auto_minmax(0,2fr)_minmax(0,2fr)_minmax(0,1.5fr)_auto]"
      >
        <ContactAvatar label={label} className="size-9" />
        <span className="min-w-0">
          <span className="flex items-center gap-1.5 font-medium">
            <span className="truncate">{label}</span>
            {row.vip && <StarIcon className="size-3.5 shrink-0 fill-amber-400 text-amber-500" role="img" aria-label="VIP" />}
            {row.blocked && (
              <Badge variant="destructive" className="shrink-0 px-1.5 py-0 text-[11px]">
                <BanIcon aria-hidden="true" className="size-3" /> Blocked
              </Badge>
            )}
          </span>
          <span className="block truncate text-xs text-muted-foreground">{row.company ?? (row.known ? "" : "Unrecognised sender")}</span>
        </span>
        <span className="col-start-2 min-w-0 text-sm md:col-start-auto">
          {row.phone && (
            <span className="block truncate">
              {formatPhone(row.phone)}
              <span className="text-muted-foreground">{more(row.phoneCount)}</span>
            </span>
          )}
          {row.email && (
            <span className="block truncate text-muted-foreground">
              {row.email}
              {more(row.emailCount)}
            </span>
          )}
        </span>
        <span className="col-start-2 truncate text-sm text-muted-foreground md:col-start-auto">{place}</span>
        <span className="col-start-2 flex gap-1 text-muted-foreground md:col-start-auto" aria-label="Channels">
          {row.channelKinds.map((kind) => (
            <ChannelIcon key={kind} kind={kind as ChannelKind} className="size-4" />
          ))}
        </span>
      </Link>
    </li>
  );
}
