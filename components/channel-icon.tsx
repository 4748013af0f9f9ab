import * as React from "react";
import { MailIcon, MessageSquareTextIcon, MessagesSquareIcon, type LucideIcon } from "lucide-react";

import { cn } from "@/lib/utils";
import type { ChannelKind } from "@/lib/channels/types";
import { channelLabels } from "@/lib/channels/labels";

// One list of labels for the whole app (lib/channels/labels.ts); re-exported for UI code's convenience.
export { channelLabels };

type GlyphProps = React.SVGProps<SVGSVGElement>;

// lucide has no brand icons, so the five messaging brands are drawn here: simple line glyphs on lucide's
// 24×24 grid with its stroke (2, round), so they sit well next to the lucide icons used for the rest.
function Glyph({ children, ...props }: GlyphProps) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      width={24}
      height={24}
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      {...props}
    >
      {children}
    </svg>
  );
}

function WhatsAppGlyph(props: GlyphProps) {
  return (
    <Glyph {...props}>
      <path d="M3 21l1.65-3.8a9 9 0 1 1 3.4 2.9L3 21" />
      <path d="M9 10a.5.5 0 0 0 1 0V9a.5.5 0 0 0-1 0v1a5 5 0 0 0 5 5h1a.5.5 0 0 0 0-1h-1a.5.5 0 0 0 0 1" />
    </Glyph>
  );
}

function MessengerGlyph(props: GlyphProps) {
  return (
    <Glyph {...props}>
      <path d="M3 20l1.3-3.9A9 8 0 1 1 7.7 19L3 20" />
      <path d="M8 13l3-2 2 2 3-2" />
    </Glyph>
  );
}

function InstagramGlyph(props: GlyphProps) {
  return (
    <Glyph {...props}>
      <rect x="3" y="3" width="18" height="18" rx="5" />
      <circle cx="12" cy="12" r="3.75" />
      <path d="M16.75 7.25h.01" />
    </Glyph>
  );
}

function TelegramGlyph(props: GlyphProps) {
  return (
    <Glyph {...props}>
      <path d="M15 10l-4 4 6 6 4-16-18 7 4 2 2 6 3-4" />
    </Glyph>
  );
}

function ViberGlyph(props: GlyphProps) {
  return (
    <Glyph {...props}>
      <path d="M7 18.6V21.5l2.9-2.5H13c4.6 0 7-2.2 7-7V10c0-4.8-2.4-7-7-7h-2C6.4 3 4 5.2 4 10v2c0 3.4 1 5.5 3 6.6z" />
      <path d="M8.5 8.5a.5.5 0 0 0 1 0V8a.5.5 0 0 0-1 0v.5a5 5 0 0 0 5 5h.5a.5.5 0 0 0 0-1h-.5a.5.5 0 0 0 0 1" />
      <path d="M13 6a4 4 0 0 1 4 4" />
      <path d="M13 8.5a1.5 1.5 0 0 1 1.5 1.5" />
    </Glyph>
  );
}

type IconSpec = {
  Icon: LucideIcon | ((props: GlyphProps) => React.JSX.Element);
  /** Brand tint; the dark-theme shade is lighter so the glyph keeps ≥ 3:1 against the page. */
  tint?: string;
};

const icons: Record<ChannelKind, IconSpec> = {
  webchat: { Icon: MessagesSquareIcon },
  whatsapp: { Icon: WhatsAppGlyph, tint: "text-[#128C7E] dark:text-[#25D366]" },
  messenger: { Icon: MessengerGlyph, tint: "text-[#0866FF] dark:text-[#4C9DFF]" },
  instagram: { Icon: InstagramGlyph, tint: "text-[#D6246E] dark:text-[#F56A9F]" },
  telegram: { Icon: TelegramGlyph, tint: "text-[#0088CC] dark:text-[#2AABEE]" },
  sms: { Icon: MessageSquareTextIcon },
  viber: { Icon: ViberGlyph, tint: "text-[#7360F2] dark:text-[#A093FF]" },
  email: { Icon: MailIcon },
};

type ChannelIconProps = {
  kind: ChannelKind;
  /** Classes for the icon itself (size, colour); defaults to size-4 and the brand tint. */
  className?: string;
  /** Show the channel's name next to the icon (the icon is then hidden from assistive tech). */
  withLabel?: boolean;
};

export function ChannelIcon({ kind, className, withLabel = false }: ChannelIconProps) {
  const { Icon, tint } = icons[kind];
  const label = channelLabels[kind];
  const iconClassName = cn("size-4 shrink-0", tint, className);

  if (withLabel) {
    return (
      <span data-slot="channel-icon" className="inline-flex items-center gap-1.5">
        <Icon aria-hidden="true" focusable="false" className={iconClassName} />
        <span>{label}</span>
      </span>
    );
  }
  return <Icon role="img" aria-label={label} focusable="false" data-slot="channel-icon" className={iconClassName} />;
}
