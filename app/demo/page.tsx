import { and, asc, eq } from "drizzle-orm";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { channels } from "@/db/schema";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Demo shop — try the web chat" };
export const dynamic = "force-dynamic";

/** A stand-in customer website hosting the widget, so anyone can play the customer. */
export default async function DemoPage() {
  const [channel] = await getDb()
    .select({ id: channels.id, name: channels.name })
    .from(channels)
    .where(and(eq(channels.kind, "webchat"), eq(channels.active, true)))
    .orderBy(asc(channels.createdAt))
    .limit(1);
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host")}`;
  return (
    <main className="min-h-dvh bg-gradient-to-b from-emerald-50 to-white text-slate-900 dark:from-emerald-950 dark:to-slate-950 dark:text-slate-100">
      <div className="mx-auto max-w-3xl px-6 py-16">
        <p className="text-sm font-semibold tracking-wide text-emerald-700 uppercase dark:text-emerald-400">Demo website</p>
        <h1 className="mt-2 text-4xl font-bold">Northwind Outfitters</h1>
        <p className="mt-4 text-lg text-slate-600 dark:text-slate-300">
          Tents, boots and rain jackets for every trail. This page stands in for a customer&apos;s website: the chat button in the
          corner is Switchboard&apos;s web-chat widget. Write something and watch it arrive in the inbox under New.
        </p>
        <pre className="mt-8 overflow-x-auto rounded-lg bg-slate-900 p-4 text-sm text-slate-100">
          {channel
            ? `<script src="${origin}/widget.js" data-channel="${channel.id}" async></script>`
            : "No active web-chat channel yet: an administrator can add one in Settings → Channels."}
        </pre>
      </div>
      {channel && <script src="/widget.js" data-channel={channel.id} data-title={`Chat with ${channel.name}`} async />}
    </main>
  );
}
