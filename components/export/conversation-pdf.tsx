import { Document, Image, Page, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { indigo, pdf } from "@/components/export/pdf-styles";
import { timeline, type ConversationExport, type TimelineItem } from "@/lib/export/conversation";
import { prepareEmoji, registerPdfFonts } from "@/lib/export/pdf-fonts";
import { formatBytes, formatDateTime } from "@/lib/format";

const styles = {
  details: { flexDirection: "row" as const, flexWrap: "wrap" as const, borderWidth: 0.5, borderColor: "#d6d9e0", borderRadius: 4, padding: 8 },
  detail: { width: "50%", flexDirection: "row" as const, paddingVertical: 1.5 },
  label: { width: 78, color: "#5d6475" },
  value: { flex: 1, paddingRight: 6 },
  tag: { borderWidth: 0.5, borderColor: "#b9bdf0", backgroundColor: "#eef0ff", color: indigo, borderRadius: 3, paddingHorizontal: 4, paddingVertical: 1, marginRight: 4, marginBottom: 3 },
  message: { borderLeftWidth: 2, paddingLeft: 8, paddingVertical: 3, marginBottom: 7 },
  note: { backgroundColor: "#fff6d6", borderLeftWidth: 2, borderColor: "#c79200", padding: 6, marginBottom: 7 },
  noteLabel: { fontSize: 7.5, fontWeight: 700, color: "#7a5a00", letterSpacing: 0.4, marginBottom: 2 },
  meta: { flexDirection: "row" as const, flexWrap: "wrap" as const, fontSize: 8, color: "#5d6475", marginBottom: 1.5 },
  author: { fontWeight: 700, color: "#1f2430" },
  image: { maxWidth: 150, maxHeight: 110, objectFit: "contain" as const, marginTop: 4, borderRadius: 2 },
  error: { color: "#b42318", fontSize: 8 },
};

// The first strong letter decides a paragraph's direction (as in the Unicode bidi algorithm's P2), so a
// message in Arabic or Hebrew reads right to left, with its punctuation where its writer put it.
const strong = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u0590-\u05FF\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const rtl = /[\u0590-\u05FF\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

function Body({ text }: { text: string }) {
  const first = strong.exec(text)?.[0];
  return <Text style={first && rtl.test(first) ? { direction: "rtl", textAlign: "right" } : undefined}>{text}</Text>;
}

function Detail({ label, value }: { label: string; value: string | null }) {
  return (
    <View style={styles.detail}>
      <Text style={styles.label}>{label}</Text>
      <Text style={styles.value}>{value || "–"}</Text>
    </View>
  );
}

function Item({ item, timeZone, images }: { item: TimelineItem; timeZone: string; images: Map<string, Buffer> }) {
  const when = formatDateTime(item.at, timeZone);
  if (item.type === "note") {
    return (
      <View style={styles.note} wrap={false}>
        <Text style={styles.noteLabel}>INTERNAL NOTE · not seen by the customer</Text>
        <Text style={styles.meta}>
          <Text style={styles.author}>{item.author}</Text> · {when}
        </Text>
        <Body text={item.body} />
      </View>
    );
  }
  const out = item.direction === "out";
  return (
    <View style={{ ...styles.message, borderColor: out ? indigo : "#aab0bd" }}>
      <Text style={styles.meta}>
        <Text style={styles.author}>{item.author}</Text>
        {` · ${when} · ${item.channel} · ${out ? item.status : "Received"}`}
      </Text>
      {item.body ? <Body text={item.body} /> : null}
      {item.error ? <Text style={styles.error}>Not delivered: {item.error}</Text> : null}
      {item.attachments.map((a) => {
        const bytes = images.get(a.id);
        return (
          <View key={a.id}>
            {/* eslint-disable-next-line jsx-a11y/alt-text -- react-pdf's Image is drawn into the PDF; it has no alt text */}
            {bytes ? <Image src={{ data: bytes, format: "jpg" }} style={styles.image} /> : null}
            <Text style={[pdf.muted, pdf.small]}>
              Attachment: {a.name} ({a.mimeType}, {formatBytes(a.size)})
            </Text>
          </View>
        );
      })}
    </View>
  );
}

// Points of A4 a page of messages may fill (842 high, less the page's padding), and what the header
// takes on the first page.
const PAGE_HEIGHT = 842 - 40 - 48;
const HEADER_HEIGHT = 230;

/** About how tall an item will be: its lines of text (wide characters count double) and its images. */
function estimateHeight(item: TimelineItem, images: Map<string, Buffer>): number {
  const lines = item.body.split("\n").reduce((n, line) => {
    const width = [...line].reduce((w, ch) => w + (ch.codePointAt(0)! > 0x2e80 ? 2 : 1), 0);
    return n + Math.max(1, Math.ceil(width / 100));
  }, 0);
  const pictures = item.type === "message" ? item.attachments.reduce((h, a) => h + 12 + (images.has(a.id) ? 114 : 0), 0) : 0;
  const errorLine = item.type === "message" && item.error ? 12 : 0;
  return (item.type === "note" ? 40 : 26) + lines * 13.3 + pictures + errorLine;
}

/**
 * The timeline cut into pages ahead of layout. react-pdf re-lays out everything that is left at every
 * page break it finds itself, which makes a long thread quadratic; each <Page> here gets about one
 * page of items (packed to 90%, so a low estimate only rarely spills over onto an extra page).
 */
function pages(items: TimelineItem[], images: Map<string, Buffer>): TimelineItem[][] {
  const result: TimelineItem[][] = [[]];
  let room = (PAGE_HEIGHT - HEADER_HEIGHT) * 0.9;
  for (const item of items) {
    const height = estimateHeight(item, images);
    if (height > room && result[result.length - 1].length) {
      result.push([]);
      room = PAGE_HEIGHT * 0.9;
    }
    result[result.length - 1].push(item);
    room -= height;
  }
  return result;
}

function ConversationDocument({ data, timeZone, exportedBy, images }: { data: ConversationExport; timeZone: string; exportedBy: string; images: Map<string, Buffer> }) {
  const chunks = pages(timeline(data), images);
  const footer = `Conversation #${data.number} · exported by ${exportedBy} on ${formatDateTime(new Date(), timeZone)} (${timeZone})`;
  return (
    <Document title={`Conversation #${data.number} with ${data.customer}`} author={exportedBy} creator="Switchboard" producer="Switchboard" language="en">
      {chunks.map((chunk, index) => (
        <Page key={index} size="A4" style={pdf.page}>
          {/* Static on purpose: react-pdf fails on long documents with a `render` (page number) footer. */}
          <Text fixed style={pdf.footer}>
            {footer}
          </Text>
          {index === 0 && (
            <>
              <Text style={pdf.title}>Conversation #{data.number}</Text>
              <Text style={pdf.subtitle}>with {data.customer}</Text>
              <View style={styles.details}>
                <Detail label="Customer" value={data.customer} />
                <Detail label="Channel" value={`${data.channel.label} (${data.channel.name})`} />
                <Detail label="E-mail" value={data.contact.email} />
                <Detail label="Phone / handle" value={data.contact.phone ?? data.contact.handle} />
                <Detail label="Agent" value={data.agent ?? "Not assigned"} />
                <Detail label="Team" value={data.team} />
                <Detail label="Status" value={data.status} />
                <Detail label="Started" value={formatDateTime(data.createdAt, timeZone)} />
                <Detail label="First response" value={data.firstResponseAt && formatDateTime(data.firstResponseAt, timeZone)} />
                <Detail label="Closed" value={data.closedAt && formatDateTime(data.closedAt, timeZone)} />
              </View>
              {data.tags.length > 0 && (
                <View style={{ flexDirection: "row", flexWrap: "wrap", marginTop: 8 }}>
                  <Text style={[pdf.muted, { marginRight: 6 }]}>Tags</Text>
                  {data.tags.map((t) => (
                    <Text key={t} style={styles.tag}>
                      {t}
                    </Text>
                  ))}
                </View>
              )}
              <Text style={pdf.h2}>
                Messages ({data.messages.length}) and internal notes ({data.notes.length})
              </Text>
              {chunk.length === 0 ? <Text style={pdf.muted}>This conversation has no messages.</Text> : null}
            </>
          )}
          {chunk.map((item) => (
            <Item key={`${item.type}-${item.id}`} item={item} timeZone={timeZone} images={images} />
          ))}
        </Page>
      ))}
    </Document>
  );
}

/** The conversation as a PDF: header, then every message and note in time order, times in `timeZone`. */
export async function renderConversationPdf(
  data: ConversationExport,
  options: { timeZone: string; exportedBy: string; images?: Map<string, Buffer> },
): Promise<Buffer> {
  registerPdfFonts();
  await prepareEmoji([data.customer, ...data.tags, ...data.messages.map((m) => m.body), ...data.notes.map((n) => n.body)]);
  return renderToBuffer(<ConversationDocument data={data} timeZone={options.timeZone} exportedBy={options.exportedBy} images={options.images ?? new Map()} />);
}
