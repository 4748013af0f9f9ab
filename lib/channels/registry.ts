import type { ChannelAdapter, ChannelKind } from "@/lib/channels/types";
import { emailAdapter } from "@/lib/channels/email/adapter";
import { webchatAdapter } from "@/lib/channels/webchat/adapter";
import { whatsappAdapter } from "@/lib/channels/whatsapp/adapter";
import { messengerAdapter } from "@/lib/channels/messenger/adapter";
import { instagramAdapter } from "@/lib/channels/instagram/adapter";
import { telegramAdapter } from "@/lib/channels/telegram/adapter";
import { smsAdapter } from "@/lib/channels/sms/adapter";
import { viberAdapter } from "@/lib/channels/viber/adapter";

/** One adapter per channel kind; kinds without one yet cannot receive or send. */
export const adapters: Partial<Record<ChannelKind, ChannelAdapter>> = {
  webchat: webchatAdapter,
  email: emailAdapter,
  whatsapp: whatsappAdapter,
  messenger: messengerAdapter,
  instagram: instagramAdapter,
  telegram: telegramAdapter,
  sms: smsAdapter,
  viber: viberAdapter,
};

export function adapterFor(kind: ChannelKind): ChannelAdapter | undefined {
  return adapters[kind];
}
