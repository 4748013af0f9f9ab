import fs from "node:fs";
import path from "node:path";
import { Font } from "@react-pdf/renderer";
import emojiRegex from "emoji-regex-xs";
import sharp from "sharp";

/*
 * Fonts and emoji for PDF exports, shipped with the app as npm packages (Noto as TTF/OTF/WOFF, Twemoji as
 * SVG) and read from disk: nothing is fetched at run time. react-pdf takes a list of families and picks,
 * per character, the first that has a glyph, so one list covers Latin, Greek, Cyrillic and Devanagari
 * (Noto Sans), Arabic, Hebrew, Thai, Chinese and Japanese (Noto Sans SC) and Korean. Emoji are drawn as
 * images: each one in a document is rasterised once from its Twemoji SVG and kept in memory.
 */

const modules = path.join(process.cwd(), "node_modules");

type Face = { src: string; fontWeight: 400 | 700 };
const families: Record<string, Face[]> = {
  NotoSans: [
    { src: "@embedpdf/fonts-latin/fonts/NotoSans-Regular.ttf", fontWeight: 400 },
    { src: "@embedpdf/fonts-latin/fonts/NotoSans-Bold.ttf", fontWeight: 700 },
  ],
  NotoNaskhArabic: [
    { src: "@embedpdf/fonts-arabic/fonts/NotoNaskhArabic-Regular.ttf", fontWeight: 400 },
    { src: "@embedpdf/fonts-arabic/fonts/NotoNaskhArabic-Bold.ttf", fontWeight: 700 },
  ],
  NotoSansHebrew: [
    { src: "@embedpdf/fonts-hebrew/fonts/NotoSansHebrew-Regular.ttf", fontWeight: 400 },
    { src: "@embedpdf/fonts-hebrew/fonts/NotoSansHebrew-Bold.ttf", fontWeight: 700 },
  ],
  NotoSansThai: [
    { src: "@fontsource/noto-sans-thai/files/noto-sans-thai-thai-400-normal.woff", fontWeight: 400 },
    { src: "@fontsource/noto-sans-thai/files/noto-sans-thai-thai-700-normal.woff", fontWeight: 700 },
  ],
  NotoSansSC: [
    { src: "@embedpdf/fonts-sc/fonts/NotoSansHans-Regular.otf", fontWeight: 400 },
    { src: "@embedpdf/fonts-sc/fonts/NotoSansHans-Bold.otf", fontWeight: 700 },
  ],
  NotoSansKR: [
    { src: "@embedpdf/fonts-kr/fonts/NotoSansKR-Regular.otf", fontWeight: 400 },
    { src: "@embedpdf/fonts-kr/fonts/NotoSansKR-Bold.otf", fontWeight: 700 },
  ],
};

/** The font list for every text style of an export: first the one most text uses. */
export const pdfFontFamily = Object.keys(families);

/** Absolute paths of the font files, in fallback order (tests check their coverage). */
export function fontFiles(): { family: string; file: string }[] {
  return Object.entries(families).flatMap(([family, faces]) => faces.map((f) => ({ family, file: path.join(modules, f.src) })));
}

const state = globalThis as unknown as { __switchboardPdfFonts?: boolean };
const svgDir = path.join(modules, "@discordapp/twemoji/dist/svg");
const pngs = new Map<string, string>();
// A transparent pixel: an emoji Twemoji lacks becomes a blank, never a failed export.
const blank = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/** Registers the fonts and the emoji source once per process. */
export function registerPdfFonts(): void {
  if (state.__switchboardPdfFonts) return;
  for (const [family, faces] of Object.entries(families)) {
    Font.register({ family, fonts: faces.map((f) => ({ src: path.join(modules, f.src), fontWeight: f.fontWeight })) });
  }
  // Long words (URLs, order numbers) break anywhere instead of being hyphenated as English.
  Font.registerHyphenationCallback((word) => [word]);
  Font.registerEmojiSource({ builder: (code: string) => pngs.get(code) ?? blank });
  state.__switchboardPdfFonts = true;
}

/** The emoji's code as react-pdf names it: code points in hex, variation selectors dropped. */
export function emojiCode(emoji: string): string {
  return Array.from(emoji)
    .filter((c) => c !== "\uFE0F")
    .map((c) => c.codePointAt(0)!.toString(16))
    .join("-");
}

let svgIndex: Map<string, string> | null = null;

/** Twemoji keeps FE0F in the names of some sequences; index the files by their name without it. */
function svgFor(code: string): string | null {
  if (!svgIndex) {
    svgIndex = new Map();
    for (const file of fs.readdirSync(svgDir)) {
      const name = file.replace(/\.svg$/, "");
      svgIndex.set(name.replace(/-fe0f/g, ""), file);
    }
  }
  const file = svgIndex.get(code) ?? svgIndex.get(code.replace(/-200d.*$/, "").replace(/-1f3f[b-f]$/, ""));
  return file ? path.join(svgDir, file) : null;
}

/** Rasterises every emoji in `texts` not seen before, so the PDF can draw them. */
export async function prepareEmoji(texts: Iterable<string>): Promise<void> {
  const wanted = new Set<string>();
  const regex = emojiRegex();
  for (const text of texts) for (const match of text.matchAll(regex)) wanted.add(emojiCode(match[0]));
  await Promise.all(
    [...wanted]
      .filter((code) => !pngs.has(code))
      .map(async (code) => {
        const file = svgFor(code);
        if (!file) return;
        const png = await sharp(file, { density: 300 }).resize(72, 72).png().toBuffer();
        pngs.set(code, `data:image/png;base64,${png.toString("base64")}`);
      }),
  );
}
