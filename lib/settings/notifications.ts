/**
 * A user's notification choices and dismissed tips, kept together in `users.notifications` (jsonb of
 * booleans). The agent workspace reads them through `notificationPrefs` / `isTipDismissed`; a key that
 * was never saved takes its default here. No server imports: the browser uses it too.
 */
export const notificationChoices = [
  {
    key: "newConversation",
    label: "A new conversation arrives in my teams",
    description: "A desktop notification when something lands in New.",
    default: true,
  },
  {
    key: "assignedToMe",
    label: "A conversation is assigned to me",
    description: "When a colleague hands a conversation over to you.",
    default: true,
  },
  {
    key: "customerReplied",
    label: "A customer replies in one of my conversations",
    description: "For conversations assigned to you.",
    default: true,
  },
  {
    key: "sound",
    label: "Play a sound",
    description: "With each of the notifications above.",
    default: false,
  },
] as const;

export type NotificationKey = (typeof notificationChoices)[number]["key"];
export type NotificationPrefs = Record<NotificationKey, boolean>;

export const notificationKeys = notificationChoices.map((c) => c.key) as NotificationKey[];

export function notificationPrefs(stored: Record<string, boolean> | null | undefined): NotificationPrefs {
  return Object.fromEntries(notificationChoices.map((c) => [c.key, stored?.[c.key] ?? c.default])) as NotificationPrefs;
}

/** Every onboarding tip dismissed at once ("don't show tips"). */
export const TIPS_DISMISSED_KEY = "tipsDismissed";
/** One tip dismissed: `tip:<id>`. */
export const TIP_KEY_PREFIX = "tip:";

export function isTipDismissed(stored: Record<string, boolean> | null | undefined, tipId: string): boolean {
  return Boolean(stored?.[TIPS_DISMISSED_KEY] || stored?.[`${TIP_KEY_PREFIX}${tipId}`]);
}

/** The stored map without any dismissed tip, so every tip shows again. */
export function withTipsReset(stored: Record<string, boolean>): Record<string, boolean> {
  return Object.fromEntries(Object.entries(stored).filter(([key]) => key !== TIPS_DISMISSED_KEY && !key.startsWith(TIP_KEY_PREFIX)));
}

export function hasDismissedTips(stored: Record<string, boolean> | null | undefined): boolean {
  return Object.entries(stored ?? {}).some(([key, value]) => value && (key === TIPS_DISMISSED_KEY || key.startsWith(TIP_KEY_PREFIX)));
}
