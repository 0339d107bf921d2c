import { DOCUMENT, InjectionToken, inject } from '@angular/core';
import { type OtaApiClient, createOtaApiClient } from '@enos-ota/ota-api-client';

/**
 * The service's REST API, the only backend this app talks to: the typed client over the page's own
 * origin, with the operator's session cookie along. The browser's `fetch` is looked up at each call
 * (not captured once), and its HTTP cache revalidates answers with their ETags.
 */
export const OTA_API_CLIENT = new InjectionToken<OtaApiClient>('OTA_API_CLIENT', {
  providedIn: 'root',
  factory: () =>
    createOtaApiClient({
      baseUrl: inject(DOCUMENT).location.origin,
      credentials: 'same-origin',
      fetch: (input, init) => fetch(input, init),
    }),
});
