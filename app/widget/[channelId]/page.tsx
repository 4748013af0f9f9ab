import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WidgetChat } from "@/components/widget/widget-chat";
import { RealtimeProvider } from "@/components/realtime/realtime-provider";
import { widgetChannel } from "@/lib/channels/webchat/visitor";
import { getDb } from "@/lib/db/client";
import { realtimeClientConfig } from "@/lib/realtime/client-config";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ channelId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const channel = await widgetChannel(getDb(), (await params).channelId);
  return { title: channel ? `Chat with ${channel.name}` : "Chat", robots: { index: false } };
}

/** The widget's inside: loaded in an iframe by /widget.js, so its styles and storage are its own. */
export default async function WidgetPage({ params }: Props) {
  const channel = await widgetChannel(getDb(), (await params).channelId);
  if (!channel) notFound();
  return (
    <RealtimeProvider config={realtimeClientConfig()}>
      <WidgetChat channel={channel} />
    </RealtimeProvider>
  );
}
