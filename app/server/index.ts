// The server's entry: `node build/server/index.js` (compiled from this file by `npm run build`,
// scripts/build.mjs) serves the Remix build, and is what every cluster worker runs (app/server/cluster.ts).
// `npm start` (`node scripts/run.mjs start`, app/server/start.ts) prepares the database first, then serves the same way.
import { startServer } from "./cluster.ts";

startServer().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
