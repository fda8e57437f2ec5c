import { createContext, useContext } from "react";

// The server renders with the request's CSP nonce; browsers hide nonces from
// script, so the client renders with an empty one.
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
