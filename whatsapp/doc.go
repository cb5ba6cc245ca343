// Package whatsapp is Tasdeeq's second channel, the WhatsApp Business Cloud API, as an adapter
// around the same dialogs, processor, outbox and sender as Telegram's:
//
//   - webhook.go: the handler of GET and POST /whatsapp/webhook (Meta's verification handshake,
//     the X-Hub-Signature-256 check, the size limit, batches of entries × changes × messages,
//     status callbacks counted), stepping each message exactly once through a Processor;
//   - decode.go: a message (text, button and list replies, template quick replies, pictures,
//     voice notes, contact cards, forwarded texts) as a dialog input, the user identified by
//     channel and wa_id (outbox.WhatsAppChat);
//   - render.go: a reply as Cloud API messages (text without link previews, up to 3 reply
//     buttons or a list of up to 10 rows, long bodies split from their buttons), within Meta's
//     limits counted in UTF-16 units;
//   - client.go and errors.go: the Graph API client (messages, templates for messages that are
//     not replies, media download, the display number) and what to do with Meta's error codes.
//
// whatsapptest is a fake Graph API that refuses what Meta refuses. Nothing here logs a wa_id, a
// message id (it encodes the sender's number), a name or any text.
package whatsapp
