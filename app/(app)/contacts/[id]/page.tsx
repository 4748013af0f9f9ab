import { ArrowLeftIcon, BadgeCheckIcon, BanIcon, FileIcon, StarIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChannelIcon, channelLabels } from "@/components/channel-icon";
import { BlockedConversations } from "@/components/contacts/blocked-conversations";
import { ContactActions } from "@/components/contacts/contact-actions";
import { MoodIndicator } from "@/components/contacts/mood-indicator";
import { tagColorClasses } from "@/components/conversation/tag-colors";
import { ContactAvatar } from "@/components/contacts/contact-avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { can } from "@/lib/auth/permissions";
import { getServiceSettings, requirePermission } from "@/lib/auth/session";
import { listBlockedConversations } from "@/lib/contacts/block";
import { formatPhone, genderLabels, idTypeLabels } from "@/lib/contacts/contact.validation";
import { countryName, languageName } from "@/lib/names";
import { emailAccounts, emailTemplates } from "@/lib/contacts/email";
import { getContactView, type ContactView } from "@/lib/contacts/queries";
import { describeEvent } from "@/lib/conversations/event-text";
import { getDb } from "@/lib/db/client";
import { customerLabel, formatBytes, formatDateTime } from "@/lib/format";
import { isUuid } from "@/lib/realtime/topics";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Contact" };

const endedByLabels = { agent: "Agent", system: "System", customer: "Customer" } as const;
const statusLabels = { new: "New", open: "Open", waiting: "Waiting", blocked: "Blocked" } as const;
const closedLabels: Record<string, string> = {
  archived: "Archived",
  rejected: "Rejected",
  inactive: "Closed (inactive)",
  barred: "Closed (barred)",
  blocked: "Closed (blocked)",
};

export default async function ContactPage({ params }: Props) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const user = await requirePermission("contacts.read");
  const settings = await getServiceSettings();
  const db = getDb();
  const view = await getContactView(db, user, settings, id);
  if (!view) notFound();
  const { contact } = view;
  const allowed = {
    edit: can(user, "contact.edit", settings),
    merge: can(user, "contact.merge", settings),
    block: can(user, "contact.block", settings),
    delete: can(user, "contact.delete", settings),
    download: can(user, "contact.download", settings),
    email: can(user, "conversation.start", settings),
  };
  const [blocked, accounts, templates] = await Promise.all([
    allowed.block ? listBlockedConversations(db, user, { contactId: id }) : Promise.resolve([]),
    allowed.email ? emailAccounts(db) : Promise.resolve([]),
    allowed.email ? emailTemplates(db) : Promise.resolve([]),
  ]);
  const label = customerLabel(contact.name, view.identities[0]?.handle ?? contact.email ?? contact.phone);
  const tz = user.timeZone;

  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto grid max-w-6xl gap-6 px-4 py-5 md:px-6">
        <header className="flex flex-wrap items-start gap-3">
          <Button asChild variant="ghost" size="icon-sm" className="mt-1.5">
            <Link href="/contacts" aria-label="Back to contacts">
              <ArrowLeftIcon />
            </Link>
          </Button>
          <ContactAvatar label={label} className="size-12" />
          <div className="min-w-0 flex-1">
            <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold">
              <span className="break-words">{label}</span>
              {contact.vip && (
                <Badge variant="warning">
                  <StarIcon aria-hidden="true" className="fill-current" /> VIP
                </Badge>
              )}
              {contact.known ? (
                <Badge variant="success">
                  <BadgeCheckIcon aria-hidden="true" /> Recognised
                </Badge>
              ) : (
                <Badge variant="outline">Unrecognised sender</Badge>
              )}
              {contact.blocked && (
                <Badge variant="destructive">
                  <BanIcon aria-hidden="true" /> Blocked
                </Badge>
              )}
            </h1>
            <p className="text-sm text-muted-foreground">
              {[contact.company, contact.phone && formatPhone(contact.phone), contact.email].filter(Boolean).join(" · ") || "No phone or e-mail yet"}
            </p>
            {contact.blocked && (
              <p className="text-sm text-destructive">
                Blocked{view.blockedByName ? ` by ${view.blockedByName}` : ""}
                {contact.blockedAt ? ` on ${formatDateTime(contact.blockedAt, tz)}` : ""}: new messages land in the Blocked list.
              </p>
            )}
          </div>
          <ContactActions
            contact={{ id, label, blocked: contact.blocked }}
            permissions={allowed}
            email={
              allowed.email
                ? {
                    accounts,
                    addresses: contact.emails ?? [],
                    templates,
                    placeholders: {
                      customer_first: contact.firstName ?? contact.name?.split(" ")[0],
                      customer_last: contact.lastName,
                      customer_name: contact.name,
                      agent_first: user.name.split(" ")[0],
                      agent_last: user.name.split(" ").slice(1).join(" "),
                      company: settings.companyName,
                    },
                  }
                : null
            }
          />
        </header>

        {blocked.length > 0 && <BlockedConversations rows={blocked} contactId={id} canDelete={allowed.delete} timeZone={tz} />}

        <div className="grid gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
          <aside className="grid min-w-0 content-start gap-6">
            <Profile view={view} />
            <Channels view={view} timeZone={tz} />
          </aside>
          <Tabs defaultValue="conversations" className="min-w-0">
            <TabsList className="w-full justify-start overflow-x-auto sm:w-fit">
              <TabsTrigger value="conversations">Conversations ({view.conversations.length})</TabsTrigger>
              <TabsTrigger value="timeline">Timeline</TabsTrigger>
              <TabsTrigger value="files">Files ({view.documents.length})</TabsTrigger>
              <TabsTrigger value="notes">Notes ({view.notes.length + (contact.notes ? 1 : 0)})</TabsTrigger>
            </TabsList>
            <TabsContent value="conversations">
              <History view={view} timeZone={tz} />
            </TabsContent>
            <TabsContent value="timeline">
              <Timeline view={view} timeZone={tz} />
            </TabsContent>
            <TabsContent value="files">
              <Documents view={view} timeZone={tz} />
            </TabsContent>
            <TabsContent value="notes">
              <Notes view={view} timeZone={tz} />
            </TabsContent>
          </Tabs>
        </div>
      </div>
    </div>
  );
}

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border p-4" aria-label={title}>
      <h2 className="mb-3 text-xs font-semibold tracking-wide text-muted-foreground uppercase">{title}</h2>
      {children}
    </section>
  );
}

function Profile({ view }: { view: ContactView }) {
  const c = view.contact;
  const rows: [string, React.ReactNode][] = [
    ["First name", c.firstName],
    ["Last name", c.lastName],
    ["Phones", c.phones?.length ? c.phones.map((p) => <span key={p} className="block">{formatPhone(p)}</span>) : null],
    ["E-mails", c.emails?.length ? c.emails.map((e) => <span key={e} className="block break-all">{e}</span>) : null],
    ["Company", c.company],
    ["ID", c.idNumber ? `${c.idType ? `${idTypeLabels[c.idType as keyof typeof idTypeLabels] ?? c.idType}: ` : ""}${c.idNumber}` : null],
    ["Birthdate", c.birthdate],
    ["Mother's name", c.motherName],
    ["Gender", c.gender ? (genderLabels[c.gender as keyof typeof genderLabels] ?? c.gender) : null],
    ["Language", languageName(c.language)],
    ["Address", c.address ? <span className="whitespace-pre-line">{c.address}</span> : null],
    ["Postal code", c.postalCode],
    ["City", c.city],
    ["Country", countryName(c.country)],
  ];
  const shown = rows.filter(([, v]) => v);
  return (
    <Card title="Profile">
      {shown.length ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          {shown.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-muted-foreground">{k}</dt>
              <dd className="min-w-0">{v}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="text-sm text-muted-foreground">Only what the channel told us so far. Edit the contact to add details.</p>
      )}
      {c.notes && <p className="mt-3 border-t pt-3 text-sm whitespace-pre-line">{c.notes}</p>}
    </Card>
  );
}

function Channels({ view, timeZone }: { view: ContactView; timeZone: string }) {
  return (
    <Card title="Channels">
      {view.identities.length === 0 ? (
        <p className="text-sm text-muted-foreground">This contact has not written to us yet.</p>
      ) : (
        <ul className="grid gap-2 text-sm">
          {view.identities.map((i) => (
            <li key={i.id} className="flex items-start gap-2">
              <ChannelIcon kind={i.channelKind} className="mt-0.5 size-4 shrink-0" />
              <span className="min-w-0 flex-1">
                <span className="block truncate">{i.handle ?? i.externalId}</span>
                <span className="block truncate text-xs text-muted-foreground">
                  {i.channelName}
                  {i.lastInboundAt ? ` · last message ${formatDateTime(i.lastInboundAt, timeZone)}` : ""}
                </span>
              </span>
              {i.barred && (
                <Badge variant="destructive" className="shrink-0" title="Barred on this channel: what it sends is dropped">
                  Barred · {i.droppedCount} dropped
                </Badge>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function History({ view, timeZone }: { view: ContactView; timeZone: string }) {
  if (!view.conversations.length) return <p className="py-6 text-sm text-muted-foreground">No conversations you can see.</p>;
  return (
    <ul className="divide-y rounded-md border" aria-label="Conversation history">
      {view.conversations.map((c) => (
        <li key={c.id}>
          <Link
            href={`/inbox/all/${c.number}`}
            className="grid gap-1 px-3 py-2.5 text-sm outline-hidden hover:bg-accent/50 focus-visible:bg-accent"
            aria-label={`Conversation #${c.number} on ${channelLabels[c.channelKind]}, started ${formatDateTime(c.createdAt, timeZone)}`}
          >
            <span className="flex flex-wrap items-center gap-2">
              <ChannelIcon kind={c.channelKind} className="size-4" />
              <span className="font-medium">#{c.number}</span>
              <Badge variant={c.status === "closed" ? "secondary" : c.status === "blocked" ? "destructive" : "outline"}>
                {c.status === "closed" ? (closedLabels[c.closedReason ?? ""] ?? "Closed") : statusLabels[c.status]}
              </Badge>
              <MoodIndicator language={c.language} sentiment={c.sentiment} />
              <span className="ml-auto text-xs text-muted-foreground">
                {c.messageCount} message{c.messageCount === 1 ? "" : "s"}
              </span>
            </span>
            <span className="truncate text-muted-foreground">{c.preview ?? "—"}</span>
            <span className="grid grid-cols-2 gap-x-4 text-xs text-muted-foreground sm:grid-cols-4">
              <span>Started {formatDateTime(c.createdAt, timeZone)}</span>
              <span>
                {c.closedAt
                  ? `Closed ${formatDateTime(c.closedAt, timeZone)} by ${endedByLabels[c.endedBy ?? "system"].toLowerCase()}${c.endedBy === "agent" && c.closedBy ? ` (${c.closedBy})` : ""}`
                  : "Still open"}
              </span>
              <span>Agent: {c.assigneeName ?? "—"}</span>
              <span>Team {c.teamName}</span>
            </span>
            {c.tags.length > 0 && (
              <span className="flex flex-wrap gap-1">
                {c.tags.map((t) => (
                  <span key={t.name} className={`rounded px-1.5 py-0.5 text-xs ${tagColorClasses[t.color] ?? ""}`}>
                    {t.name}
                  </span>
                ))}
              </span>
            )}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Timeline({ view, timeZone }: { view: ContactView; timeZone: string }) {
  if (!view.timeline.length) return <p className="py-6 text-sm text-muted-foreground">Nothing has happened yet.</p>;
  return (
    <ol className="grid gap-0 border-l pl-4" aria-label="Case timeline">
      {view.timeline.map((e) => (
        <li key={e.id} className="relative pb-3 text-sm">
          <span className="absolute top-1.5 -left-[1.3rem] size-2 rounded-full bg-primary" aria-hidden="true" />
          <span className="block">{describeEvent(e, view.userNames)}</span>
          <span className="text-xs text-muted-foreground">
            <Link href={`/inbox/all/${e.conversationNumber}`} className="underline-offset-2 hover:underline">
              #{e.conversationNumber}
            </Link>{" "}
            · {formatDateTime(e.createdAt, timeZone)}
          </span>
        </li>
      ))}
    </ol>
  );
}

function Documents({ view, timeZone }: { view: ContactView; timeZone: string }) {
  if (!view.documents.length) return <p className="py-6 text-sm text-muted-foreground">No files were exchanged with this customer.</p>;
  return (
    <ul className="divide-y rounded-md border" aria-label="Documents history">
      {view.documents.map((d, i) => (
        <li key={`${d.id}-${i}`} className="flex items-center gap-3 px-3 py-2 text-sm">
          <FileIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
          <a href={`/api/files/${d.id}`} className="min-w-0 flex-1 truncate underline-offset-2 hover:underline">
            {d.name}
          </a>
          <span className="hidden text-xs text-muted-foreground sm:inline">
            {d.direction === "in" ? "Received" : "Sent"} · #{d.conversationNumber} · {formatDateTime(d.createdAt, timeZone)}
          </span>
          <span className="text-xs text-muted-foreground">{formatBytes(d.size)}</span>
        </li>
      ))}
    </ul>
  );
}

function Notes({ view, timeZone }: { view: ContactView; timeZone: string }) {
  const contactNotes = view.contact.notes;
  if (!view.notes.length && !contactNotes) return <p className="py-6 text-sm text-muted-foreground">No notes yet.</p>;
  return (
    <ul className="grid gap-2">
      {contactNotes && (
        <li className="rounded-md border-l-2 border-primary bg-muted/50 p-3 text-sm">
          <p className="whitespace-pre-line">{contactNotes}</p>
          <p className="mt-1 text-xs text-muted-foreground">On the contact</p>
        </li>
      )}
      {view.notes.map((n) => (
        <li key={n.id} className="rounded-md border-l-2 border-amber-400 bg-amber-50 p-3 text-sm dark:bg-amber-950/30">
          <p className="break-words whitespace-pre-wrap">{n.body}</p>
          <p className="mt-1 text-xs text-muted-foreground">
            {n.authorName ?? "Former colleague"} · #{n.conversationNumber} · {formatDateTime(n.createdAt, timeZone)}
          </p>
        </li>
      ))}
    </ul>
  );
}
