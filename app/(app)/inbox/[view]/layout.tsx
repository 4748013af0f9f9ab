import { notFound } from "next/navigation";
import { InboxColumns } from "@/components/inbox/inbox-columns";
import { getServiceSettings, requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listConversations, viewCounts } from "@/lib/conversations/queries";
import { isView } from "@/lib/conversations/views";

export default async function InboxViewLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ view: string }>;
}) {
  const { view } = await params;
  if (!isView(view)) notFound();
  const user = await requirePermission("conversations.read");
  const settings = await getServiceSettings();
  const db = getDb();
  const [list, counts] = await Promise.all([listConversations(db, user, settings, { view }), viewCounts(db, user, settings)]);
  return (
    <InboxColumns
      view={view}
      initial={{ ...list, counts }}
      timeZone={user.timeZone}
      userId={user.id}
      canBeAssigned={user.role !== "watcher"}
    >
      {children}
    </InboxColumns>
  );
}
