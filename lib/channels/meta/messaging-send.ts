import { filePart } from "@/lib/channels/meta/account";
import { graphRequest } from "@/lib/channels/meta/graph";
import { SendError, type Identity, type Outbound, type OutboundFile, type SendResult } from "@/lib/channels/types";

type SendResponse = { recipient_id?: string; message_id?: string };

function attachmentType(mimeType: string): "image" | "video" | "audio" | "file" {
  const type = mimeType.split(";")[0].trim().toLowerCase();
  if (type.startsWith("image/")) return "image";
  if (type.startsWith("video/")) return "video";
  if (type.startsWith("audio/")) return "audio";
  return "file";
}

function messageId(response: SendResponse): string {
  if (!response.message_id) throw new SendError("Meta accepted the message but returned no message id.", "bad_response");
  return response.message_id;
}

/**
 * The Messenger Platform Send API, shared by Messenger and Instagram (channels.md 2.2, 2.3): JSON with
 * `recipient`, `messaging_type` (RESPONSE, or MESSAGE_TAG + HUMAN_AGENT between 24 h and 7 days) and
 * `message`. Text goes first, then one message per file: by its signed public link when this deployment
 * has one, otherwise uploaded as multipart `filedata`. The last message's id is the one stored.
 */
export async function sendMessaging(endpoint: string, token: string, to: Identity, message: Outbound): Promise<SendResult> {
  const recipient = { id: to.externalId };
  const messaging: Record<string, string> = message.tag ? { messaging_type: "MESSAGE_TAG", tag: message.tag } : { messaging_type: "RESPONSE" };
  const ids: string[] = [];
  const body = message.body.trim();
  if (body) ids.push(messageId(await graphRequest<SendResponse>(endpoint, { token, json: { recipient, ...messaging, message: { text: body } } })));
  for (const file of message.attachments) ids.push(await sendFile(endpoint, token, recipient, messaging, file));
  const last = ids.pop();
  if (!last) throw new SendError("There is nothing to send.", "empty");
  return { providerMessageId: last, otherIds: ids };
}

async function sendFile(endpoint: string, token: string, recipient: { id: string }, messaging: Record<string, string>, file: OutboundFile) {
  const type = attachmentType(file.mimeType);
  const url = file.publicUrl();
  if (url) {
    const json = { recipient, ...messaging, message: { attachment: { type, payload: { url, is_reusable: false } } } };
    return messageId(await graphRequest<SendResponse>(endpoint, { token, json }));
  }
  const form = new FormData();
  form.append("recipient", JSON.stringify(recipient));
  for (const [name, value] of Object.entries(messaging)) form.append(name, value);
  form.append("message", JSON.stringify({ attachment: { type, payload: { is_reusable: false } } }));
  form.append("filedata", await filePart(file), file.name);
  return messageId(await graphRequest<SendResponse>(endpoint, { token, form }));
}
