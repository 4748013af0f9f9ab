"use client";

import { BanIcon, FileIcon, PlusIcon, ShieldCheckIcon, StarIcon, XIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { addNoteAction, addTagAction, barAction, removeTagAction } from "@/app/(app)/inbox/actions";
import { ChannelIcon } from "@/components/channel-icon";
import { SenderPanel } from "@/components/contacts/sender-panel";
import { tagColorClasses } from "@/components/conversation/tag-colors";
import type { Extras, PaneContact, PaneHeader, PanePermissions, TagChip } from "@/components/conversation/types";
import { WithShortcut } from "@/components/shortcuts/with-shortcut";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Textarea } from "@/components/ui/textarea";
import { formatBytes, formatDateTime } from "@/lib/format";
import { cn } from "@/lib/utils";

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="grid gap-2 border-b p-4 last:border-b-0">
      <h2 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">{title}</h2>
      {children}
    </section>
  );
}

/** Customer details, tags, notes and the files of this conversation. */
export function SidePanel({
  conversationId,
  header,
  contact,
  extras,
  allTags,
  permissions,
  timeZone,
  onChanged,
}: {
  conversationId: string;
  header: PaneHeader;
  contact: PaneContact;
  extras: Extras;
  allTags: TagChip[];
  permissions: PanePermissions;
  timeZone: string;
  onChanged: () => void;
}) {
  return (
    <div>
      <Section title="Customer">
        <p className="flex items-center gap-1.5 font-medium">
          {contact.vip && <StarIcon className="size-4 fill-amber-400 text-amber-500" role="img" aria-label="VIP" />}
          {header.customer}
        </p>
        {!contact.name && <p className="text-xs text-muted-foreground">No name known yet.</p>}
        <SenderPanel
          conversationId={conversationId}
          contact={contact}
          language={header.language}
          sentiment={header.sentiment}
          region={contact.phoneRegion}
          canEdit={permissions.editContact}
          onChanged={onChanged}
        />
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          {contact.email && (
            <>
              <dt className="text-muted-foreground">E-mail</dt>
              <dd className="truncate">{contact.email}</dd>
            </>
          )}
          {contact.phone && (
            <>
              <dt className="text-muted-foreground">Phone</dt>
              <dd>{contact.phone}</dd>
            </>
          )}
          {contact.company && (
            <>
              <dt className="text-muted-foreground">Company</dt>
              <dd>{contact.company}</dd>
            </>
          )}
          <dt className="text-muted-foreground">Started</dt>
          <dd>{formatDateTime(header.createdAt, timeZone)}</dd>
        </dl>
        <ul className="grid gap-1 text-sm" aria-label="Channels this customer uses">
          {extras.identities.map((identity) => (
            <IdentityRow key={identity.id} identity={identity} canBar={permissions.bar} onChanged={onChanged} />
          ))}
        </ul>
        {extras.otherConversations > 0 && (
          <p className="text-xs text-muted-foreground">
            {extras.otherConversations} earlier conversation{extras.otherConversations > 1 ? "s" : ""} with this customer.
          </p>
        )}
      </Section>
      <Section title="Tags">
        <TagEditor conversationId={conversationId} tags={extras.tags} allTags={allTags} permissions={permissions} onChanged={onChanged} />
      </Section>
      <Section title="Notes">
        <Notes conversationId={conversationId} notes={extras.notes} canNote={permissions.note} timeZone={timeZone} onChanged={onChanged} />
      </Section>
      <Section title="Media">
        {extras.media.length === 0 ? (
          <p className="text-sm text-muted-foreground">Files and images shared in this conversation appear here.</p>
        ) : (
          <ul className="grid gap-1 text-sm">
            {extras.media.map((file) => (
              <li key={`${file.messageId}-${file.id}`} className="flex items-center gap-2">
                <FileIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
                <span className="truncate">{file.name}</span>
                <span className="ml-auto shrink-0 text-xs text-muted-foreground">{formatBytes(file.size)}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

function TagEditor({
  conversationId,
  tags,
  allTags,
  permissions,
  onChanged,
}: {
  conversationId: string;
  tags: TagChip[];
  allTags: TagChip[];
  permissions: PanePermissions;
  onChanged: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [busy, setBusy] = useState(false);
  const onIt = new Set(tags.map((t) => t.id));
  const q = query.trim().toLowerCase();
  const matches = allTags.filter((t) => !onIt.has(t.id) && t.name.toLowerCase().includes(q)).slice(0, 30);
  const exact = allTags.some((t) => t.name.toLowerCase() === q);

  async function add(input: { tagId: string } | { name: string }) {
    setBusy(true);
    const result = await addTagAction({ conversationId, ...input });
    setBusy(false);
    if (!result.ok) {
      toast.error(result.error);
      return;
    }
    setQuery("");
    setOpen(false);
    onChanged();
  }

  async function remove(tag: TagChip) {
    const result = await removeTagAction({ conversationId, tagId: tag.id });
    if (!result.ok) toast.error(result.error);
    onChanged();
  }

  return (
    <div className="flex flex-wrap items-center gap-1.5">
      {tags.length === 0 && <span className="text-sm text-muted-foreground">No tags yet.</span>}
      {tags.map((tag) => (
        <span key={tag.id} className={cn("inline-flex items-center gap-1 rounded-md py-0.5 pr-1 pl-2 text-xs font-medium", tagColorClasses[tag.color])}>
          {tag.name}
          {permissions.tag && (
            <button
              type="button"
              onClick={() => void remove(tag)}
              className="rounded p-0.5 outline-hidden hover:bg-black/10 focus-visible:ring-2 focus-visible:ring-ring dark:hover:bg-white/10"
              aria-label={`Remove tag ${tag.name}`}
            >
              <XIcon className="size-3" />
            </button>
          )}
        </span>
      ))}
      {permissions.tag && (
        <Popover open={open} onOpenChange={setOpen}>
          <WithShortcut id="conversation.tag" run>
            <PopoverTrigger asChild>
              <Button variant="outline" size="sm" className="h-6 px-2 text-xs">
                <PlusIcon aria-hidden="true" />
                Add tag
              </Button>
            </PopoverTrigger>
          </WithShortcut>
          <PopoverContent className="w-64 p-2" align="start">
            <form
              onSubmit={(e) => {
                e.preventDefault();
                const first = matches[0];
                if (first && (exact || !permissions.createTag || first.name.toLowerCase() === q)) void add({ tagId: first.id });
                else if (q && permissions.createTag && !exact) void add({ name: query.trim() });
              }}
            >
              <Input autoFocus aria-label="Find or create a tag" placeholder="Find a tag…" value={query} onChange={(e) => setQuery(e.target.value)} />
            </form>
            <ul className="mt-2 grid max-h-56 gap-0.5 overflow-y-auto" aria-label="Tags">
              {matches.map((tag) => (
                <li key={tag.id}>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void add({ tagId: tag.id })}
                    className="flex w-full items-center rounded px-2 py-1.5 text-left text-sm outline-hidden hover:bg-accent focus-visible:bg-accent"
                  >
                    <span className={cn("rounded px-1.5 py-0.5 text-xs", tagColorClasses[tag.color])}>{tag.name}</span>
                  </button>
                </li>
              ))}
              {q && !exact && permissions.createTag && (
                <li>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void add({ name: query.trim() })}
                    className="flex w-full items-center gap-1 rounded px-2 py-1.5 text-left text-sm outline-hidden hover:bg-accent focus-visible:bg-accent"
                  >
                    <PlusIcon className="size-3.5" aria-hidden="true" /> Create tag “{query.trim()}”
                  </button>
                </li>
              )}
              {matches.length === 0 && (!q || exact || !permissions.createTag) && (
                <li className="px-2 py-1.5 text-sm text-muted-foreground">
                  {q && !permissions.createTag ? "No such tag. Creating tags is off for agents." : "No more tags."}
                </li>
              )}
            </ul>
          </PopoverContent>
        </Popover>
      )}
    </div>
  );
}

function Notes({
  conversationId,
  notes,
  canNote,
  timeZone,
  onChanged,
}: {
  conversationId: string;
  notes: Extras["notes"];
  canNote: boolean;
  timeZone: string;
  onChanged: () => void;
}) {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (!text.trim() || busy) return;
    setBusy(true);
    const result = await addNoteAction({ conversationId, body: text });
    setBusy(false);
    if (!result.ok) {
      toast.error(result.error);
      return;
    }
    setText("");
    onChanged();
  }

  return (
    <div className="grid gap-3">
      {canNote && (
        <form
          className="grid gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <WithShortcut id="conversation.note" run tooltip={false}>
            <Textarea
              aria-label="New internal note"
              placeholder="Internal note — the customer never sees it"
              value={text}
              rows={2}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  void submit();
                }
              }}
            />
          </WithShortcut>
          <Button type="submit" size="sm" variant="secondary" disabled={busy || !text.trim()} className="justify-self-end">
            Add note
          </Button>
        </form>
      )}
      {notes.length === 0 ? (
        <p className="text-sm text-muted-foreground">No notes yet.</p>
      ) : (
        <ul className="grid gap-2">
          {notes.map((note) => (
            <li key={note.id} className="rounded-md border-l-2 border-amber-400 bg-amber-50 p-2 text-sm dark:bg-amber-950/30">
              <p className="break-words whitespace-pre-wrap">{note.body}</p>
              <p className="mt-1 text-xs text-muted-foreground">
                {note.authorName ?? "Former colleague"} · {formatDateTime(note.createdAt, timeZone)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** One of the customer's addresses, with its bar state and, for those allowed, bar / unbar. */
function IdentityRow({
  identity,
  canBar,
  onChanged,
}: {
  identity: Extras["identities"][number];
  canBar: boolean;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const label = identity.handle ?? identity.externalId;
  async function toggle() {
    setBusy(true);
    const result = await barAction({ identityId: identity.id, barred: !identity.barred });
    setBusy(false);
    if (!result.ok) toast.error(result.error);
    else toast.success(identity.barred ? `${label} can write again` : `${label} is barred: what they send is dropped`);
    onChanged();
  }
  return (
    <li className="flex items-center gap-2">
      <ChannelIcon kind={identity.channelKind} className="size-4 shrink-0" />
      <span className="min-w-0 truncate">{label}</span>
      {identity.barred && (
        <span className="shrink-0 rounded bg-destructive/10 px-1 text-xs text-destructive" title={`${identity.droppedCount} messages dropped`}>
          barred · {identity.droppedCount} dropped
        </span>
      )}
      {canBar && (
        <Button
          variant="ghost"
          size="sm"
          className="ml-auto h-6 shrink-0 px-2 text-xs"
          disabled={busy}
          onClick={() => void toggle()}
          aria-label={identity.barred ? `Unbar ${label}` : `Bar ${label}`}
        >
          {identity.barred ? <ShieldCheckIcon aria-hidden="true" /> : <BanIcon aria-hidden="true" />}
          {identity.barred ? "Unbar" : "Bar"}
        </Button>
      )}
    </li>
  );
}
