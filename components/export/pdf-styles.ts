import { StyleSheet } from "@react-pdf/renderer";
import { pdfFontFamily } from "@/lib/export/pdf-fonts";

/** Shared look of every exported PDF: A4, Noto with fallbacks, quiet greys, the app's indigo. */
export const pdf = StyleSheet.create({
  page: { fontFamily: pdfFontFamily, fontSize: 9.5, lineHeight: 1.4, color: "#1f2430", paddingTop: 40, paddingBottom: 48, paddingHorizontal: 40 },
  title: { fontSize: 16, fontWeight: 700, lineHeight: 1.2, marginBottom: 4 },
  subtitle: { fontSize: 10.5, color: "#4b5262", marginBottom: 12 },
  h2: { fontSize: 11.5, fontWeight: 700, marginTop: 14, marginBottom: 6 },
  muted: { color: "#5d6475" },
  small: { fontSize: 8 },
  footer: { position: "absolute", bottom: 20, left: 40, right: 40, fontSize: 7.5, color: "#6b7280", flexDirection: "row", justifyContent: "space-between" },
  table: { borderTopWidth: 0.5, borderColor: "#d6d9e0" },
  tr: { flexDirection: "row", borderBottomWidth: 0.5, borderColor: "#d6d9e0" },
  th: { fontWeight: 700, color: "#4b5262", paddingVertical: 3, paddingHorizontal: 4 },
  td: { paddingVertical: 3, paddingHorizontal: 4 },
});

export const indigo = "#4540b8";
