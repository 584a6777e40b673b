// What the Express adapter hands every loader and action (see app/server/app.ts).
export type TremplinLoadContext = {
  /** Per-request nonce that the Content-Security-Policy allows for inline scripts. */
  cspNonce: string;
  /** The client's address, for rate limits and logs. */
  clientIp: string;
};

declare module "@remix-run/node" {
  interface AppLoadContext extends TremplinLoadContext {}
}
