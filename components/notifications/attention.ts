"use client";

/**
 * The tab's title and icon carry how many conversations need the person ("(3) Inbox · Switchboard" and a
 * red dot on the icon), so a background tab still says so. Next.js rewrites the title on navigation; the
 * count is put back in front each time.
 */
const PREFIX = /^\(\d+\+?\) /;

let count = 0;
let observer: MutationObserver | null = null;
let originalIcons: Map<HTMLLinkElement, string> | null = null;
let badgeUrl: string | null = null;

function applyTitle() {
  const base = document.title.replace(PREFIX, "");
  const next = count > 0 ? `(${count > 99 ? "99+" : count}) ${base}` : base;
  if (document.title !== next) document.title = next;
}

function watchTitle() {
  if (observer) return;
  observer = new MutationObserver(() => applyTitle());
  observer.observe(document.head, { subtree: true, childList: true, characterData: true });
}

function iconLinks(): HTMLLinkElement[] {
  return Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]'));
}

/** The app icon with a red dot, drawn once. */
async function badgeIcon(source: string): Promise<string | null> {
  if (badgeUrl) return badgeUrl;
  const image = new Image();
  image.src = source;
  try {
    await image.decode();
  } catch {
    return null;
  }
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 64;
  const context = canvas.getContext("2d");
  if (!context) return null;
  context.drawImage(image, 0, 0, 64, 64);
  context.beginPath();
  context.arc(48, 16, 15, 0, Math.PI * 2);
  context.fillStyle = "#dc2626";
  context.fill();
  context.lineWidth = 4;
  context.strokeStyle = "#ffffff";
  context.stroke();
  badgeUrl = canvas.toDataURL("image/png");
  return badgeUrl;
}

async function applyIcon() {
  const links = iconLinks();
  if (!links.length) return;
  originalIcons ??= new Map(links.map((l) => [l, l.href]));
  if (count > 0) {
    const source = originalIcons.values().next().value ?? "/icon.svg";
    const url = await badgeIcon(source);
    if (url && count > 0) for (const link of links) link.href = url;
  } else {
    for (const link of links) link.href = originalIcons.get(link) ?? link.href;
  }
}

export function setAttention(next: number) {
  if (next === count) return;
  count = next;
  watchTitle();
  applyTitle();
  void applyIcon();
}
