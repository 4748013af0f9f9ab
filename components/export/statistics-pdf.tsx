import { Document, Page, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { pdf } from "@/components/export/pdf-styles";
import { prepareEmoji, registerPdfFonts } from "@/lib/export/pdf-fonts";
import type { StatTable } from "@/lib/stats/tables";

function Table({ table }: { table: StatTable }) {
  const wide = table.columns.length > 10;
  const first = wide ? 62 : 150;
  return (
    // A short table moves to the next page whole rather than leave its title and header behind.
    <View style={{ marginBottom: 14 }} wrap={table.rows.length > 12}>
      <Text style={pdf.h2} minPresenceAhead={80}>
        {table.title}
      </Text>
      {table.rows.length === 0 ? (
        <Text style={pdf.muted}>No data in this time span.</Text>
      ) : (
        <View style={pdf.table}>
          <View style={pdf.tr} fixed>
            {table.columns.map((c, i) => (
              <Text key={i} style={[pdf.th, { fontSize: wide ? 6.5 : 8 }, i === 0 ? { width: first } : { flex: 1, textAlign: "right" }]}>
                {c}
              </Text>
            ))}
          </View>
          {table.rows.map((row, r) => (
            <View key={r} style={pdf.tr} wrap={false}>
              {row.map((cell, i) => (
                <Text key={i} style={[pdf.td, { fontSize: wide ? 7 : 8.5 }, i === 0 ? { width: first } : { flex: 1, textAlign: "right" }]}>
                  {cell === null ? "–" : String(cell)}
                </Text>
              ))}
            </View>
          ))}
        </View>
      )}
      {table.note ? <Text style={[pdf.muted, pdf.small, { marginTop: 3 }]}>{table.note}</Text> : null}
    </View>
  );
}

/** The statistics of a span as a report: what was asked for, then every chart's data as a table. */
export async function renderStatisticsPdf(tables: StatTable[], about: [string, string][], title: string): Promise<Buffer> {
  registerPdfFonts();
  await prepareEmoji(tables.flatMap((t) => t.rows.map((r) => String(r[0] ?? ""))));
  return renderToBuffer(
    <Document title={title} creator="Switchboard" producer="Switchboard" language="en">
      <Page size="A4" orientation="landscape" style={pdf.page}>
        {/* Static on purpose: react-pdf fails on long documents with a `render` (page number) footer. */}
        <Text fixed style={pdf.footer}>
          {title}
        </Text>
        <Text style={pdf.title}>{title}</Text>
        <View style={{ marginBottom: 8 }}>
          {about.map(([label, value]) => (
            <Text key={label} style={pdf.muted}>
              {label}: {value}
            </Text>
          ))}
        </View>
        {tables.map((t) => (
          <Table key={t.id} table={t} />
        ))}
      </Page>
    </Document>,
  );
}
