// Prints the demo admin's current two-step verification code (issue 20: admins must use one), for a demo without an
// authenticator app at hand: the install's demo secret (DEMO_TOTP_SECRET, else var/demo-totp-secret, written at the
// first demo start) through the app's own TOTP computation.
import fs from "node:fs";
import { DEMO_TOTP_SECRET_FILE } from "~/config/env.server.ts";
import { TOTP_PERIOD_S, totpCode } from "~/domain/two-factor.ts";

const secret =
  process.env.DEMO_TOTP_SECRET || (fs.existsSync(DEMO_TOTP_SECRET_FILE) ? fs.readFileSync(DEMO_TOTP_SECRET_FILE, "utf8").trim() : "");
if (!secret) {
  console.error("No demo secret yet: run `npm start` once (demo mode) to create the demo and its admin's secret.");
  process.exit(1);
}
const now = new Date();
const left = TOTP_PERIOD_S - (Math.floor(now.getTime() / 1000) % TOTP_PERIOD_S);
console.log(`${totpCode(secret, now)}  (valid for ${left} more seconds, each code once)`);
