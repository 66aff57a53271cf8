import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce?: string;
    requestId?: string;
    /** The client address, honouring TRUST_PROXY (used by rate limits). */
    clientIp?: string;
  }
}
