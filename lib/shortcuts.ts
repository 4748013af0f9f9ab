/**
 * The one registry of keyboard shortcuts: the Shortcuts settings page lists it, and every handler that
 * implements one should be registered here so the page never lies. `keys` is one combination, written
 * with the names of `keyLabels` plus key names as KeyboardEvent.key spells them; "Mod" is Ctrl on
 * Windows and Linux and ⌘ on a Mac. `alternatives` are other combinations that do the same.
 */

export type ShortcutScope = "global" | "conversation" | "inbox" | "composer" | "notes";

export type Shortcut = {
  id: string;
  keys: string[];
  alternatives?: string[][];
  description: string;
  scope: ShortcutScope;
  /**
   * Fires while the focus is in a text field too. Everything else is left alone while typing, so a
   * letter typed into a reply is a letter (components/shortcuts/keyboard.tsx applies this).
   */
  inInputs?: boolean;
};

export const shortcutScopes: Record<ShortcutScope, { label: string; where: string }> = {
  global: { label: "Anywhere", where: "On every page, when you are not typing in a field (Ctrl / ⌘ K works while typing too)." },
  conversation: { label: "Conversation", where: "With a conversation open, when you are not typing in a field (Esc leaves the reply box)." },
  inbox: { label: "Conversation list", where: "With a conversation in the list focused." },
  composer: { label: "Reply box", where: "While writing a reply." },
  notes: { label: "Notes", where: "While writing an internal note in the details panel." },
};

export const shortcuts: readonly Shortcut[] = [
  { id: "list.next", keys: ["ArrowDown"], description: "Move to the next conversation", scope: "inbox" },
  { id: "list.previous", keys: ["ArrowUp"], description: "Move to the previous conversation", scope: "inbox" },
  { id: "list.open", keys: ["Enter"], description: "Open the focused conversation", scope: "inbox" },
  { id: "list.filter", keys: ["f"], description: "Filter and sort the list", scope: "inbox" },
  { id: "palette.open", keys: ["Mod", "k"], description: "Open the command palette: every action and page", scope: "global", inInputs: true },
  { id: "shortcuts.help", keys: ["?"], description: "Show the keyboard shortcuts", scope: "global" },
  { id: "go.search", keys: ["/"], description: "Search conversations", scope: "global" },
  { id: "go.start", keys: ["c"], description: "Start a conversation", scope: "global" },
  { id: "view.new", keys: ["1"], description: "Switch to New", scope: "global" },
  { id: "view.mine", keys: ["2"], description: "Switch to Assigned to me", scope: "global" },
  { id: "view.assigned", keys: ["3"], description: "Switch to Assigned", scope: "global" },
  { id: "view.all", keys: ["4"], description: "Switch to All", scope: "global" },
  { id: "conversation.next", keys: ["j"], description: "Open the next conversation in the list", scope: "conversation" },
  { id: "conversation.previous", keys: ["k"], description: "Open the previous conversation in the list", scope: "conversation" },
  { id: "conversation.pickup", keys: ["a"], description: "Assign to me", scope: "conversation" },
  { id: "conversation.reply", keys: ["r"], description: "Write a reply (focus the reply box)", scope: "conversation" },
  { id: "conversation.quickReplies", keys: ["q"], description: "Open the quick replies", scope: "conversation" },
  { id: "conversation.tag", keys: ["t"], description: "Add a tag", scope: "conversation" },
  { id: "conversation.note", keys: ["n"], description: "Write an internal note", scope: "conversation" },
  { id: "conversation.assign", keys: ["Shift", "A"], description: "Reassign to a colleague", scope: "conversation" },
  { id: "conversation.release", keys: ["u"], description: "Release back to New", scope: "conversation" },
  { id: "conversation.reject", keys: ["x"], description: "Reject (from New)", scope: "conversation" },
  { id: "conversation.archive", keys: ["e"], description: "Archive", scope: "conversation" },
  { id: "composer.send", keys: ["Enter"], description: "Send the reply", scope: "composer" },
  { id: "composer.newline", keys: ["Shift", "Enter"], description: "Start a new line", scope: "composer" },
  { id: "composer.quickReply", keys: ["Ctrl", "1…9"], description: "Insert one of the first nine quick replies", scope: "composer" },
  { id: "composer.quickReplyGroup", keys: ["!"], description: "Type ! and a group's name to pick from that group's quick replies", scope: "composer" },
  { id: "composer.leave", keys: ["Escape"], description: "Leave the reply box, to use the conversation shortcuts", scope: "composer" },
  { id: "note.add", keys: ["Mod", "Enter"], description: "Add the note", scope: "notes" },
];

/** How keys are shown: symbols where they are what people know, words otherwise. */
export const keyLabels: Record<string, { text: string; name: string }> = {
  ArrowDown: { text: "↓", name: "Down arrow" },
  ArrowUp: { text: "↑", name: "Up arrow" },
  ArrowLeft: { text: "←", name: "Left arrow" },
  ArrowRight: { text: "→", name: "Right arrow" },
  Enter: { text: "Enter", name: "Enter" },
  Shift: { text: "Shift", name: "Shift" },
  Alt: { text: "Alt", name: "Alt" },
  Escape: { text: "Esc", name: "Escape" },
  Mod: { text: "Ctrl / ⌘", name: "Control or Command" },
};

export function keyLabel(key: string): { text: string; name: string } {
  return keyLabels[key] ?? { text: key.length === 1 ? key.toUpperCase() : key, name: key };
}

export function shortcutsByScope(): { scope: ShortcutScope; items: Shortcut[] }[] {
  return (Object.keys(shortcutScopes) as ShortcutScope[])
    .map((scope) => ({ scope, items: shortcuts.filter((s) => s.scope === scope) }))
    .filter((group) => group.items.length > 0);
}
