/**
 * The EnOS API gateway protocol (access tokens and signed calls), as the vendor documents it: one
 * implementation for every part of the project that plays the gateway (the simulator, the service's
 * EnOS-compatible facade) or checks what a gateway expects. No framework, Node's crypto only.
 */
export { tokenEncryption, canonicalRequestText, requestSignature, sameText } from './signatures';
export { parseTokenRequest, type TokenRequest, type TokenRequestParse } from './token-request';
export { TOKEN_STATUS, TOKEN_STATUS_MESSAGES, tokenStatusMessage, type TokenStatus } from './token-status';
export { checkTokenCredentials, replayKey, type CredentialCheck } from './token-credentials';
export { ReplayWindow, DEFAULT_REPLAY_WINDOW_MS } from './replay-window';
export {
  SIGNED_CALL_HEADERS,
  hasSignedCallHeaders,
  readSignedCallHeaders,
  checkSignedCall,
  type SignedCallHeaders,
  type GatewayRefusal,
  type TokenStanding,
  type HeaderBag,
} from './signed-call';
