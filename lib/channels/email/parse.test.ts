import { describe, expect, it } from "vitest";
import { checkBasicAuth } from "@/lib/channels/email/adapter";
import { emailConfig, emailWebhookUrl } from "@/lib/channels/email/config";
import { htmlToText, sanitizeEmailHtml } from "@/lib/channels/email/html";
import { emailAttachmentProblem } from "@/lib/channels/email/limits";
import { messageIdList, normalizeMessageId, outboundMessageId, ourMessageIds } from "@/lib/channels/email/message-id";
import { parseInboundMail } from "@/lib/channels/email/parse";
import { foldQuoted } from "@/lib/channels/email/quoted";
import { replyHtml } from "@/lib/channels/email/send";
import { emailFrameDocument, emailView, hasRemoteImages } from "@/lib/channels/email/view";
import { ParseError, type InboundMessage } from "@/lib/channels/types";
import { postmarkPayload, rawMime } from "@/test/fakes/postmark";

async function parseOne(body: string | Buffer): Promise<InboundMessage> {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  const [event] = await parseInboundMail(bytes.toString("utf8"), bytes);
  if (event?.type !== "message") throw new Error("expected a message");
  return event;
}

describe("quoted history", () => {
  it("folds an English reply header and its quoted lines", () => {
    const { body, quoted } = foldQuoted(
      "Still nothing.\n\nThanks,\nAna\n\nOn Mon, Nov 24, 2026 at 10:15 AM Acme Support <support@acme.test> wrote:\n> The parcel has shipped.\n> Acme",
    );
    expect(body).toBe("Still nothing.\n\nThanks,\nAna");
    expect(quoted).toMatch(/^On Mon, Nov 24, 2026 .* wrote:\n> The parcel has shipped\.\n> Acme$/);
  });

  it("folds Dutch, French and Outlook headers", () => {
    expect(foldQuoted("Nog steeds niets.\n\nOp zo 23 nov 2026 om 10:00 schreef Acme <a@acme.test>:\n> Verstuurd.").body).toBe("Nog steeds niets.");
    expect(foldQuoted("Merci !\n\nLe lun. 24 nov. 2026 à 10:00, Acme <a@acme.test> a écrit :\n> Bonjour").body).toBe("Merci !");
    const outlook = foldQuoted("See attached.\r\n\r\n-----Original Message-----\r\nFrom: Acme <a@acme.test>\r\nSent: Monday\r\n\r\nEarlier text");
    expect(outlook.body).toBe("See attached.");
    expect(outlook.quoted).toContain("Earlier text");
  });

  it("keeps inline answers, signatures without a quote, plain mails and all-quoted mails whole", () => {
    const inline = "> Which size?\nLarge, please.\n> And the colour?\nBlue.";
    expect(foldQuoted(inline)).toEqual({ body: inline, quoted: null });
    expect(foldQuoted("Reply here\n\nSent from my iPhone")).toEqual({ body: "Reply here\n\nSent from my iPhone", quoted: null });
    expect(foldQuoted("Just one line.")).toEqual({ body: "Just one line.", quoted: null });
    expect(foldQuoted("> only a quote\n> nothing new")).toEqual({ body: "> only a quote\n> nothing new", quoted: null });
  });

  it("stays fast on long and hostile text", () => {
    const started = Date.now();
    foldQuoted("On ".repeat(20_000) + "\n" + "> x\n".repeat(5_000));
    foldQuoted("Op " + "a\n".repeat(20_000) + "schreef");
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("HTML", () => {
  it("removes scripts, handlers, frames, forms and loading styles; keeps layout; links open elsewhere", () => {
    const html = sanitizeEmailHtml(
      `<html><head><title>T</title><style>body{background:url(https://t.example/x)}</style></head><body>
       <p style="color: red; background-image: url(https://t.example/p.png); position: fixed">Hi <b onclick="steal()">there</b></p>
       <script>alert(1)</script><img src="x" onerror="alert(1)"><iframe src="https://evil.example"></iframe>
       <form action="https://evil.example"><input name="pw"></form>
       <a href="javascript:alert(1)">bad</a> <a href="https://acme.test/track" target="_self" onmouseover="x()">good</a>
       <svg><script>alert(1)</script></svg><table><tr><td colspan="2" bgcolor="#eee">cell</td></tr></table></body></html>`,
    )!;
    expect(html).not.toMatch(/script|onclick|onerror|onmouseover|iframe|<form|<input|javascript:|url\(|position|<title|<style/i);
    expect(html).toContain('<p style="color:red">Hi <b>there</b></p>');
    expect(html).toContain('<a href="https://acme.test/track" target="_blank" rel="noopener noreferrer nofollow">good</a>');
    expect(html).toContain('<td colspan="2" bgcolor="#eee">cell</td>');
  });

  it("does not load remote images by default, keeps small inline ones and drops cid: links", () => {
    const html = sanitizeEmailHtml(
      '<img src="https://tracker.example/open.gif" alt="logo" data-remote-src="javascript:x"><img src="data:image/png;base64,iVBORw0KGgo="><img src="data:image/svg+xml;base64,PHN2Zz4="><img src="cid:part1" alt="inline">',
    )!;
    expect(html).toContain('<img alt="logo" data-remote-src="https://tracker.example/open.gif" />');
    expect(html).toContain('<img src="data:image/png;base64,iVBORw0KGgo=" />');
    expect(html).not.toContain("svg");
    expect(html).not.toContain("javascript");
    expect(html).toContain('<img alt="inline" />');
  });

  it("returns null for empty or oversized HTML and turns HTML-only mails into text", () => {
    expect(sanitizeEmailHtml("<script>x</script>")).toBeNull();
    expect(sanitizeEmailHtml(`<p>${"x".repeat(400_000)}</p>`)).toBeNull();
    expect(htmlToText("<p>Hello <b>Ana</b></p><ul><li>one</li><li>two</li></ul><p><a href=\"https://acme.test\">site</a></p>")).toBe(
      "Hello Ana\n\n * one\n * two\n\nsite [https://acme.test]",
    );
  });

  it("builds the reply's HTML alternative from its text, escaped, with its line breaks", () => {
    expect(replyHtml("Hi <Ana> & co,\nline two")).toBe('<div dir="auto">Hi &#60;Ana&#62; &#38; co,<br>\nline two</div>');
  });
});

describe("the thread's view of an e-mail", () => {
  it("reads the payload defensively", () => {
    expect(emailView({ subject: " Hi ", cc: ["a@x", 3], quoted: "> old", html: "<p>x</p>", bounce: true })).toEqual({
      subject: "Hi",
      cc: ["a@x"],
      quoted: "> old",
      html: "<p>x</p>",
      bounce: true,
    });
    expect(emailView(null)).toEqual({ subject: null, cc: [], quoted: null, html: null, bounce: false });
    expect(emailView({ subject: 42, cc: "a@x", html: "" })).toEqual({ subject: null, cc: [], quoted: null, html: null, bounce: false });
  });

  it("frames the HTML behind a policy that loads nothing but inline images until remote ones are asked for", () => {
    const html = sanitizeEmailHtml('<p>Hi</p><img src="https://t.example/a.png" alt="a">')!;
    expect(hasRemoteImages(html)).toBe(true);
    const closed = emailFrameDocument(html, false);
    expect(closed).toContain("default-src 'none'; img-src data:;");
    expect(closed).toContain('data-remote-src="https://t.example/a.png"');
    const open = emailFrameDocument(html, true);
    expect(open).toContain("img-src data: https: http:;");
    expect(open).toContain('<img alt="a" src="https://t.example/a.png" />');
  });
});

describe("message ids", () => {
  it("normalises ids and reads References as a string or a list, without repeats", () => {
    expect(normalizeMessageId(" abc@x ")).toBe("<abc@x>");
    expect(normalizeMessageId("<a b@x>")).toBeNull();
    expect(messageIdList("<a@x> <b@x>\r\n\t<c@x>", ["<a@x>", "<d@x>"], undefined)).toEqual(["<a@x>", "<b@x>", "<c@x>", "<d@x>"]);
    expect(messageIdList("a@x, b@x")).toEqual(["<a@x>", "<b@x>"]);
    expect(messageIdList(Array.from({ length: 80 }, (_, i) => `<m${i}@x>`))).toHaveLength(50);
    const ours = outboundMessageId("0b6b3a0e-4f0f-4c54-9a4e-7e0f7a1f2d3c", "support@acme.test");
    expect(ours).toBe("<sb-0b6b3a0e-4f0f-4c54-9a4e-7e0f7a1f2d3c@acme.test>");
    expect(ourMessageIds(`Message-ID: ${ours}\nReferences: <other@x>`)).toEqual([ours]);
  });
});

describe("configuration", () => {
  const base = { inboundAddress: "Support@Acme.test", smtpHost: "smtp.acme.test", smtpPort: "587" };

  it("generates webhook credentials when left empty and builds the URL Postmark needs", () => {
    const config = emailConfig.parse(base);
    expect(config.inboundAddress).toBe("support@acme.test");
    expect(config.smtpPort).toBe(587);
    expect(config.smtpSecurity).toBe("auto");
    expect(config.webhookUser).toMatch(/^sb-[A-Za-z0-9_-]+$/);
    expect(config.webhookPassword.length).toBeGreaterThanOrEqual(32);
    expect(emailWebhookUrl("https://app.example.test/api/webhooks/email/c1", { webhookUser: "pm", webhookPassword: "s3cr3t-s3cr3t-s3cr3t" })).toBe(
      "https://pm:s3cr3t-s3cr3t-s3cr3t@app.example.test/api/webhooks/email/c1",
    );
  });

  it("refuses what cannot work, with field messages", () => {
    const result = emailConfig.safeParse({ ...base, inboundAddress: "nope", smtpPort: "99999", smtpSecurity: "ssl", webhookPassword: "short" });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["inboundAddress", "smtpPort", "smtpSecurity", "webhookPassword"]));
  });

  it("checks Basic credentials exactly", () => {
    const header = (v: string) => `Basic ${Buffer.from(v).toString("base64")}`;
    expect(checkBasicAuth(header("pm:secret-secret-1"), "pm", "secret-secret-1")).toBe(true);
    expect(checkBasicAuth(header("pm:secret-secret-2"), "pm", "secret-secret-1")).toBe(false);
    expect(checkBasicAuth(header("px:secret-secret-1"), "pm", "secret-secret-1")).toBe(false);
    expect(checkBasicAuth(header("pm"), "pm", "secret-secret-1")).toBe(false);
    expect(checkBasicAuth("Bearer abc", "pm", "secret-secret-1")).toBe(false);
    expect(checkBasicAuth(null, "pm", "secret-secret-1")).toBe(false);
    expect(checkBasicAuth(header("pm:"), "pm", "")).toBe(false);
    expect(checkBasicAuth(header("pm:x"), undefined, undefined)).toBe(false);
  });

  it("states the 2 MB total in words", () => {
    expect(emailAttachmentProblem([{ size: 1024 * 1024 }, { size: 1024 * 1024 }])).toBeNull();
    expect(emailAttachmentProblem([{ size: 1024 * 1024 }, { size: 1024 * 1024 + 1 }])).toBe(
      "E-mail attachments can be at most 2.0 MB in total; these are 2.0 MB.",
    );
  });
});

describe("parsing inbound mail", () => {
  it("reads Postmark's fields: the header Message-ID (not Postmark's GUID), threading ids, sender and files", async () => {
    const payload = postmarkPayload({
      from: "Ana@Example.org",
      fromName: "Ana Silva",
      to: "support@acme.test",
      cc: ["boss@example.org"],
      subject: "Re: Uw bestelling #4411",
      text: "Nog steeds niets.\n\nOn Sun, Nov 23, 2026 at 9:00 AM Acme <support@acme.test> wrote:\n> Het pakket is verstuurd.",
      html: "<p>Nog steeds niets.</p>",
      messageId: "<CAB1x9q@mail.example.org>",
      inReplyTo: "<sb-981@acme.test>",
      references: ["<sb-970@acme.test>", "<sb-981@acme.test>"],
      attachments: [{ name: "foto.jpg", contentType: "image/jpeg", content: Buffer.from("jpeg-bytes") }],
    });
    const event = await parseOne(JSON.stringify(payload));
    expect(event).toMatchObject({
      providerMessageId: "<CAB1x9q@mail.example.org>",
      externalId: "ana@example.org",
      handle: "ana@example.org",
      profileName: "Ana Silva",
      contact: { email: "ana@example.org" },
      kind: "media",
      body: "Nog steeds niets.",
      threadRefs: ["<sb-981@acme.test>", "<sb-970@acme.test>"],
      payload: {
        subject: "Re: Uw bestelling #4411",
        messageId: "<CAB1x9q@mail.example.org>",
        inReplyTo: ["<sb-981@acme.test>"],
        references: ["<sb-970@acme.test>", "<sb-981@acme.test>"],
        cc: ["boss@example.org"],
        html: "<p>Nog steeds niets.</p>",
      },
    });
    expect(event.payload?.quoted).toContain("Het pakket is verstuurd.");
    expect(event.files).toEqual([{ name: "foto.jpg", mimeType: "image/jpeg", data: Buffer.from("jpeg-bytes") }]);
  });

  it("falls back to Postmark's MessageID, then to a hash of the bytes, when the mail has no Message-ID", async () => {
    const payload = postmarkPayload({ from: "a@example.org", to: "s@acme.test", text: "hi", messageId: null });
    expect((await parseOne(JSON.stringify(payload))).providerMessageId).toBe(`postmark:${payload.MessageID}`);
    const raw = await rawMime({ from: "a@example.org", to: "s@acme.test", text: "hi", messageId: null });
    expect(raw.toString()).not.toMatch(/message-id/i);
    const first = await parseOne(raw);
    expect(first.providerMessageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await parseOne(raw)).providerMessageId).toBe(first.providerMessageId);
  });

  it("reads raw MIME: a single Reference as a string, display names, cc, text from HTML-only mail, attachments", async () => {
    const raw = await rawMime({
      from: "Bo@Example.org",
      fromName: "Bo Berg",
      to: "support@acme.test",
      cc: ["Carl <carl@example.org>"],
      subject: "Hej",
      html: "<p>Only <b>HTML</b> here</p>",
      messageId: "<raw-1@example.org>",
      references: ["<sb-1@acme.test>"],
      attachments: [{ name: "list.csv", contentType: "text/csv", content: Buffer.from("a,b\n1,2\n") }],
    });
    const event = await parseOne(raw);
    expect(event).toMatchObject({
      providerMessageId: "<raw-1@example.org>",
      externalId: "bo@example.org",
      profileName: "Bo Berg",
      body: "Only HTML here",
      threadRefs: ["<sb-1@acme.test>"],
      payload: { subject: "Hej", cc: ["Carl <carl@example.org>"], references: ["<sb-1@acme.test>"] },
    });
    expect(event.files?.[0]).toMatchObject({ name: "list.csv", mimeType: "text/csv" });
    expect(event.files?.[0].data.toString()).toBe("a,b\n1,2\n");
  });

  it("marks automatic mail (RFC 3834) so nobody answers it automatically", async () => {
    const raw = await rawMime({ from: "a@example.org", to: "s@acme.test", text: "I am away", headers: { "Auto-Submitted": "auto-replied" } });
    expect((await parseOne(raw)).payload?.autoSubmitted).toBe(true);
    const plain = await rawMime({ from: "a@example.org", to: "s@acme.test", text: "Hello", headers: { "Auto-Submitted": "no" } });
    expect((await parseOne(plain)).payload?.autoSubmitted).toBeUndefined();
  });

  it("maps a delivery failure report about one of our mails to that message's failure", async () => {
    const ours = "<sb-0b6b3a0e-4f0f-4c54-9a4e-7e0f7a1f2d3c@acme.test>";
    const dsn = [
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>",
      "To: support@acme.test",
      "Subject: Undelivered Mail Returned to Sender",
      "Message-ID: <bounce-1@mx.example.org>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="BB"',
      "",
      "--BB",
      "Content-Type: text/plain",
      "",
      "Your message could not be delivered.",
      "",
      "--BB",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.example.org",
      "",
      "Final-Recipient: rfc822; ana@example.org",
      "Action: failed",
      "Status: 5.1.1",
      "Diagnostic-Code: smtp; 550 5.1.1 <ana@example.org>: Recipient address",
      "    rejected: User unknown",
      "",
      "--BB",
      "Content-Type: text/rfc822-headers",
      "",
      "From: Acme <support@acme.test>",
      "To: ana@example.org",
      `Message-ID: ${ours}`,
      "References: <sb-11111111-1111-1111-1111-111111111111@acme.test>",
      "",
      "--BB--",
      "",
    ].join("\r\n");
    const events = await parseInboundMail(dsn, Buffer.from(dsn));
    expect(events).toEqual([
      {
        type: "status",
        providerMessageId: ours,
        status: "failed",
        errorCode: "5.1.1",
        errorText: "The recipient's mail server returned the mail: 550 5.1.1 <ana@example.org>: Recipient address rejected: User unknown",
        timestamp: expect.any(Date),
      },
    ]);
    // A delay notice is no failure, and a report about someone else's mail is kept as a message.
    const delayed = dsn.replace("Action: failed", "Action: delayed");
    expect((await parseInboundMail(delayed, Buffer.from(delayed)))[0]).toMatchObject({ type: "message", payload: { bounce: true } });
    const foreign = dsn.replace(ours, "<someone-else@acme.test>");
    expect((await parseInboundMail(foreign, Buffer.from(foreign)))[0]).toMatchObject({ type: "message", externalId: "mailer-daemon@mx.example.org" });
  });

  it("refuses what is no mail with a ParseError (→ 400), never anything else", async () => {
    const cases: string[] = [
      "",
      "   ",
      "{not json",
      "[]",
      "null",
      '{"From": 42}',
      '{"Subject": "no sender", "TextBody": "hi"}',
      '{"From": "not-an-address", "TextBody": "hi"}',
      '{"From": "a@example.org", "Attachments": [{"Name": "x", "Content": "%%%not base64%%%"}]}',
      '{"From": "a@example.org", "Headers": "nope"}',
      "this is not a mail at all",
      "Subject: no sender\r\n\r\nbody",
      "\u0000\u0001\u0002binary",
    ];
    for (const body of cases) {
      await expect(parseInboundMail(body, Buffer.from(body)), JSON.stringify(body)).rejects.toBeInstanceOf(ParseError);
    }
  });
});
