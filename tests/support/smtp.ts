import type { AddressInfo } from "node:net";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedEmail = {
  to: string[];
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers: ParsedMail["headers"];
};

export type TestSmtpServer = {
  /** smtp://127.0.0.1:PORT — the port stays the same across close() and restart(). */
  url: string;
  /** Every accepted message, parsed, in arrival order. */
  received: ReceivedEmail[];
  /** Refuses the next `count` messages with this SMTP reply code (451: try later, 550: never). */
  rejectNext(code: number, count?: number): void;
  /** Resolves once `count` messages have arrived; fails after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedEmail[]>;
  /** Forgets received messages and pending rejections. */
  reset(): void;
  /** Stops listening and drops open connections: clients now get ECONNREFUSED. */
  close(): Promise<void>;
  /** Listens again on the same port; does nothing while listening. */
  restart(): Promise<void>;
};

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  return [field ?? []].flat().flatMap((group) => group.value.map((address) => address.address ?? ""));
}

/** The parts of a parsed message the tests look at; also used for .eml files. */
export function toReceivedEmail(parsed: ParsedMail): ReceivedEmail {
  return {
    to: addresses(parsed.to),
    subject: parsed.subject ?? "",
    html: parsed.html || "",
    text: parsed.text ?? "",
    messageId: parsed.messageId ?? "",
    headers: parsed.headers,
  };
}

/** A real SMTP server in this process, on 127.0.0.1 and a free port. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedEmail[] = [];
  let rejection = { code: 0, left: 0 };
  let port = 0;
  let server: SMTPServer | null = null;

  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      // close() should refuse service now, not after the default 30 s grace period for open connections.
      closeTimeout: 50,
      // A message is recorded before the server answers 250, so once a send has resolved it is in `received`.
      onData(stream, _session, callback) {
        simpleParser(stream).then((parsed) => {
          if (rejection.left > 0) {
            rejection.left -= 1;
            const reason = rejection.code >= 500 ? "Mailbox unavailable" : "Try again later";
            return callback(Object.assign(new Error(`${reason} (test server)`), { responseCode: rejection.code }));
          }
          received.push(toReceivedEmail(parsed));
          callback();
        }, callback);
      },
    });

  const listen = async () => {
    const next = create();
    await new Promise<void>((resolve, reject) => {
      next.once("error", reject);
      next.listen(port, "127.0.0.1", () => {
        next.off("error", reject);
        resolve();
      });
    });
    // Clients hanging up mid-session surface as connection errors; they are the client's to report.
    next.on("error", () => {});
    port = (next.server.address() as AddressInfo).port;
    server = next;
  };

  const close = async () => {
    const current = server;
    server = null;
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  await listen();
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    rejectNext(code, count = 1) {
      rejection = { code, left: count };
    },
    async waitForMessages(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`Expected ${count} emails, received ${received.length} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return received;
    },
    reset() {
      received.length = 0;
      rejection = { code: 0, left: 0 };
    },
    close,
    async restart() {
      if (!server) await listen();
    },
  };
}
