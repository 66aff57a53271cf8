import { createContext, useContext } from "react";

/** The per-request CSP nonce, made by server.js and given to Remix's inline scripts. */
const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
