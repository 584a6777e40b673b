// A standalone SMTP sink for the end-to-end runs: a real SMTP server (the
// `smtp-server` package) that accepts every message, parses it with
// `mailparser` and keeps it in memory, plus a tiny HTTP endpoint the specs
// read the messages from.
//
//   npx tsx tests/e2e/smtp-sink.ts
//
//   SMTP_SINK_PORT       SMTP port (default 2525), on 127.0.0.1
//   SMTP_SINK_HTTP_PORT  HTTP port (default 2526), on 127.0.0.1
//
//   GET    /messages   → 200 JSON [{ to, from, subject, text, html, messageId, receivedAt, attachments }], in arrival
//                        order; attachments: [{ filename, contentType, content }] with text content (e.g. an .ics);
//                        ?to=<address> keeps the messages to that address (case-insensitive)
//   DELETE /messages   → 204, forgets every message
//   GET    /healthz    → 200 "ok" (playwright.config.ts waits on it)
import http from "node:http";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type SinkMessage = {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  receivedAt: string;
  /** Files and non-body parts as mailparser gives them (a calendar invitation among them), content as UTF-8 text. */
  attachments: Array<{ filename: string; contentType: string; content: string }>;
};

const SMTP_PORT = Number(process.env.SMTP_SINK_PORT ?? 2525);
const HTTP_PORT = Number(process.env.SMTP_SINK_HTTP_PORT ?? 2526);
const HOST = "127.0.0.1";

const messages: SinkMessage[] = [];

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  return [field ?? []].flat().flatMap((group) => group.value.map((address) => (address.address ?? "").toLowerCase()));
}

function toMessage(parsed: ParsedMail): SinkMessage {
  return {
    to: addresses(parsed.to),
    from: addresses(parsed.from)[0] ?? "",
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
    html: parsed.html || "",
    messageId: parsed.messageId ?? "",
    receivedAt: new Date().toISOString(),
    attachments: parsed.attachments.map((attachment) => ({
      filename: attachment.filename ?? "",
      contentType: attachment.contentType,
      content: attachment.content.toString("utf8"),
    })),
  };
}

const smtp = new SMTPServer({
  // Any client, any credentials, plain text on the loopback: this is a test sink.
  authOptional: true,
  onAuth: (_auth, _session, callback) => callback(null, { user: "sink" }),
  disabledCommands: ["STARTTLS"],
  logger: false,
  closeTimeout: 100,
  // The message is stored before the server answers 250: once the app's send
  // has resolved, GET /messages returns it.
  onData(stream, _session, callback) {
    simpleParser(stream).then(
      (parsed) => {
        messages.push(toMessage(parsed));
        callback();
      },
      (error: Error) => callback(error),
    );
  },
});
// A client hanging up mid-session is the client's problem, not the sink's.
smtp.on("error", (error) => console.error(`[smtp-sink] ${error.message}`));

const api = http.createServer((request, response) => {
  const url = new URL(request.url ?? "/", `http://${HOST}:${HTTP_PORT}`);
  if (url.pathname === "/healthz" && request.method === "GET") {
    response.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
    return;
  }
  if (url.pathname === "/messages" && request.method === "GET") {
    const to = url.searchParams.get("to")?.toLowerCase();
    const body = to ? messages.filter((m) => m.to.includes(to)) : messages;
    response.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" }).end(JSON.stringify(body));
    return;
  }
  if (url.pathname === "/messages" && request.method === "DELETE") {
    messages.length = 0;
    response.writeHead(204).end();
    return;
  }
  response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
});

function listen(
  server: {
    listen: (port: number, host: string, cb: () => void) => unknown;
    once: (event: "error", cb: (error: Error) => void) => unknown;
  },
  port: number,
) {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => resolve());
  });
}

try {
  await listen(smtp.server, SMTP_PORT);
  await listen(api, HTTP_PORT);
} catch (error) {
  console.error(`[smtp-sink] cannot listen: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
console.log(`[smtp-sink] SMTP on smtp://${HOST}:${SMTP_PORT}, messages on http://${HOST}:${HTTP_PORT}/messages`);

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  api.closeAllConnections();
  api.close();
  smtp.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1_000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
