/** Fixtures for tests in any project: the vendor's own samples, exactly as published. */
import vendorSample from './vendor-get-ota-job-sample.json';
import type { GetOtaJobResponse } from '../index';

/** The "Return Sample" of the vendor's V2.1 Get OTA Job page (its `//deprecated` comments removed). */
export const VENDOR_GET_OTA_JOB_SAMPLE: GetOtaJobResponse = vendorSample;
export { parseCsv } from './csv';
