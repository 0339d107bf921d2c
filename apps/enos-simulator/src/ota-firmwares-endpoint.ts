/**
 * `/connect-service/v2.1/ota-firmwares`: `GET action=get&orgId=..&firmwareId=..` (V2.1 Get Firmware).
 * Org checks as for jobs; a firmware id the org does not have answers 24404 `Firmware not found`.
 */
import { CONNECT_ERROR, connectSuccessJson } from './enos-envelopes';
import type { JobStore } from './job-store';
import { INVALID_FIRMWARE_ACTION_OPERATION, type CountedOperation } from './operations';
import { blank, checkOrg, connectError, missingArgument, unsupportedAction } from './ota-jobs-endpoint';
import { jsonResponse, type SimResponse } from './sim-response';

export function otaFirmwaresOperation(method: string, action: string | null): CountedOperation {
  return method === 'GET' && action === 'get' ? 'ota-firmwares.get' : INVALID_FIRMWARE_ACTION_OPERATION;
}

export function handleOtaFirmwares(method: string, query: URLSearchParams, store: JobStore): SimResponse {
  const action = query.get('action');
  if (blank(action)) return missingArgument('action');
  if (otaFirmwaresOperation(method, action) !== 'ota-firmwares.get') return unsupportedAction(action, method);
  const orgId = query.get('orgId');
  const firmwareId = query.get('firmwareId');
  if (blank(orgId)) return missingArgument('orgId');
  if (blank(firmwareId)) return missingArgument('firmwareId');
  const refused = checkOrg(orgId, store);
  if (refused) return refused;
  const firmware = store.firmwareJson(orgId, firmwareId);
  if (firmware === undefined) return connectError(CONNECT_ERROR.firmwareNotFound, 'Firmware not found');
  return jsonResponse(200, connectSuccessJson(firmware), 0);
}
