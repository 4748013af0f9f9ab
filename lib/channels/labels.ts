import type { ChannelKind } from "@/lib/channels/types";

export const channelLabels: Record<ChannelKind, string> = {
  webchat: "Web chat",
  whatsapp: "WhatsApp",
  messenger: "Messenger",
  instagram: "Instagram",
  telegram: "Telegram",
  sms: "SMS",
  viber: "Viber",
  email: "E-mail",
};
