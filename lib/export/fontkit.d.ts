// The part of fontkit (react-pdf's font engine) the export tests use to check glyph coverage.
declare module "fontkit" {
  export function openSync(path: string): { hasGlyphForCodePoint(codePoint: number): boolean };
}
