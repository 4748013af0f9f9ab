/**
 * What the thread shows of an e-mail message, read defensively from its stored payload (no server
 * imports: the thread view uses it in the browser).
 */
export type EmailView = {
  subject: string | null;
  cc: string[];
  quoted: string | null;
  html: string | null;
  bounce: boolean;
};

const text = (value: unknown) => (typeof value === "string" && value.trim() ? value : null);

export function emailView(payload: Record<string, unknown> | null): EmailView {
  return {
    subject: text(payload?.subject)?.trim() ?? null,
    cc: Array.isArray(payload?.cc) ? payload.cc.filter((c): c is string => typeof c === "string") : [],
    quoted: text(payload?.quoted),
    html: text(payload?.html),
    bounce: payload?.bounce === true,
  };
}

/** Whether the (already sanitised) HTML holds remote images, which stay unloaded until asked for. */
export function hasRemoteImages(html: string): boolean {
  return html.includes(" data-remote-src=");
}

/**
 * The document for the sandboxed frame. The HTML was sanitised on arrival; the frame (sandbox="", no
 * scripts, no same origin) and this Content-Security-Policy are the second and third line: nothing
 * loads but inline data images, and remote images only once the agent asks for them.
 */
export function emailFrameDocument(html: string, loadRemoteImages: boolean): string {
  const body = loadRemoteImages ? html.replaceAll(" data-remote-src=", " src=") : html;
  const images = loadRemoteImages ? "data: https: http:" : "data:";
  return [
    "<!doctype html><html><head><meta charset=\"utf-8\">",
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${images}; style-src 'unsafe-inline'; font-src data:">`,
    "<style>html{color-scheme:light}body{margin:12px;font:14px/1.5 system-ui,sans-serif;color:#111;background:#fff;overflow-wrap:anywhere}img{max-width:100%;height:auto}table{max-width:100%}</style>",
    `</head><body>${body}</body></html>`,
  ].join("");
}
