// Prints the demo admin's current two-step verification code (issue 20: admins must use one), for a demo without an
// authenticator app at hand: the install's secret (DEMO_TOTP_SECRET, else var/demo-totp-secret, written at the first
// demo start) through the same RFC 6238 computation an app does.
import fs from "node:fs";
import path from "node:path";
import { Secret, TOTP } from "otpauth";

const file = path.resolve("var/demo-totp-secret");
const secret = process.env.DEMO_TOTP_SECRET || (fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : "");
if (!secret) {
  console.error("No demo secret yet: run `npm start` once (demo mode) to create the demo and its admin's secret.");
  process.exit(1);
}
const period = 30;
const code = new TOTP({ issuer: "Tremplin", algorithm: "SHA1", digits: 6, period, secret: Secret.fromBase32(secret) }).generate();
const left = period - (Math.floor(Date.now() / 1000) % period);
console.log(`${code}  (valid for ${left} more seconds, each code once)`);
