import { convert } from "html-to-text";
import sanitizeHtml from "sanitize-html";

/** Larger HTML is not kept (nor converted): a newsletter-sized mail would weigh down every thread load. */
export const MAX_EMAIL_HTML = 300_000;

/** A CSS value without anything that loads or runs: no url(), image-set(), expression(). */
const safeCssValue = [/^(?!.*(?:url|image|image-set|expression|attr)\s*\()[^<>\\]*$/i];
const styleProperties = [
  "color",
  "background-color",
  "font",
  "font-family",
  "font-size",
  "font-style",
  "font-weight",
  "line-height",
  "letter-spacing",
  "text-align",
  "text-decoration",
  "text-transform",
  "white-space",
  "vertical-align",
  "width",
  "max-width",
  "min-width",
  "height",
  "margin",
  "margin-top",
  "margin-right",
  "margin-bottom",
  "margin-left",
  "padding",
  "padding-top",
  "padding-right",
  "padding-bottom",
  "padding-left",
  "border",
  "border-top",
  "border-right",
  "border-bottom",
  "border-left",
  "border-color",
  "border-style",
  "border-width",
  "border-radius",
  "border-collapse",
  "display",
];

const dataImage = /^data:image\/(?:png|jpe?g|gif|webp);base64,[A-Za-z0-9+/=\s]+$/i;

const options: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, "img", "font", "center", "del", "ins", "big", "tt"],
  allowedAttributes: {
    "*": ["style", "align", "valign", "width", "height", "bgcolor", "dir", "lang", "title"],
    a: ["href", "name", "target", "rel"],
    img: ["src", "alt", "data-remote-src"],
    font: ["color", "face", "size"],
    td: ["colspan", "rowspan"],
    th: ["colspan", "rowspan", "scope"],
    table: ["border", "cellpadding", "cellspacing"],
    ol: ["start", "type"],
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["data"] },
  allowProtocolRelative: false,
  allowedStyles: { "*": Object.fromEntries(styleProperties.map((p) => [p, safeCssValue])) },
  // Their text is no content: scripts, styles, the head's title, Outlook's XML islands.
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "title", "head", "xml", "template"],
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...(attribs.href ? { href: attribs.href } : {}), ...(attribs.name ? { name: attribs.name } : {}), target: "_blank", rel: "noopener noreferrer nofollow" },
    }),
    // Remote images would tell the sender when (and from where) the mail was read, so they are not
    // loaded by default: their address moves to data-remote-src, which the viewer swaps back on request.
    // Only inline data images stay; cid: parts are listed as attachments instead.
    img: (tagName, attribs) => {
      const src = (attribs.src ?? "").trim();
      const next: sanitizeHtml.Attributes = {};
      if (attribs.alt) next.alt = attribs.alt;
      if (attribs.title) next.title = attribs.title;
      if (attribs.width) next.width = attribs.width;
      if (attribs.height) next.height = attribs.height;
      if (attribs.style) next.style = attribs.style;
      if (/^https?:\/\//i.test(src)) next["data-remote-src"] = src;
      else if (dataImage.test(src)) next.src = src;
      return { tagName, attribs: next };
    },
  },
};

/**
 * A customer's HTML made safe to render (inside a sandboxed frame, as a second line of defence): no
 * scripts, event handlers, forms, frames, styles that load anything, or remote images; links open
 * elsewhere with rel=noopener. Null when nothing is left or the HTML is too large to keep.
 */
export function sanitizeEmailHtml(html: string): string | null {
  if (!html.trim() || html.length > MAX_EMAIL_HTML * 3) return null;
  const clean = sanitizeHtml(html, options).trim();
  if (!clean || clean.length > MAX_EMAIL_HTML) return null;
  return clean;
}

/** The text of an HTML-only mail, with paragraphs and list items kept as lines. */
export function htmlToText(html: string): string {
  if (html.length > MAX_EMAIL_HTML * 3) return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).trim();
  return convert(html, {
    wordwrap: false,
    limits: { maxDepth: 64 },
    selectors: [
      { selector: "img", format: "skip" },
      { selector: "a", options: { hideLinkHrefIfSameAsText: true } },
    ],
  }).trim();
}
