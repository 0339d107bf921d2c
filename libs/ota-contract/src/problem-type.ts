import type { components } from './generated/ota-api';

/** The RFC 9457 `type` of a problem: a URN, so that it names the code without pointing at a host. */
export function problemTypeUri(code: components['schemas']['ProblemCode']): string {
  return `urn:enos-ota:problem:${code}`;
}
