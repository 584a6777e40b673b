// `npm run worker`: the outbox worker on its own, beside (or instead of) the one in the server.
import { env } from "~/config/env.server.ts";
import { db, dbReady } from "~/db/client.server.ts";
import { startOutboxWorker } from "./worker.server.ts";

await dbReady;
const worker = startOutboxWorker({ log: (line) => console.log(line) });
console.log(`Outbox worker running (${env().SMTP_URL ? "SMTP" : `mailbox: ${env().MAILBOX_DIR}`}). Ctrl-C to stop.`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    await worker.stop();
    await db.$disconnect();
    process.exit(0);
  });
}
