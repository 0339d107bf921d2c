/**
 * The EnOS gateway simulator's programmatic API: start one in a test (`startSimulator({ port: 0 })`),
 * point the code under test at `url`, and steer it with faults, token expiry and stats.
 */
export {
  startSimulator,
  type RunningSimulator,
  TOKEN_GET_PATH,
  TOKEN_REFRESH_PATH,
  OTA_JOBS_PATH,
  OTA_FIRMWARES_PATH,
} from './simulator';
export {
  type SimulatorOptions,
  DEFAULT_APP_KEY,
  DEFAULT_APP_SECRET,
  DEFAULT_TOKEN_TTL_SECONDS,
  DEFAULT_SERVE_PORT,
} from './simulator-options';
export { simulatorOptionsFromEnv, SimulatorConfigError } from './env-options';
export type { SimulatorStats } from './call-stats';
export type { Fault, FaultKind, FaultSpec, FaultTarget } from './fault-spec';
export { OPERATIONS, type OperationName } from './operations';
export { tokenEncryption, requestSignature, canonicalRequestText } from '@enos-ota/enos-gateway-protocol';
export { DEFAULT_DATA_FILE, SeedFileError } from './seed-file';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './search-request';
export { DEFAULT_UPGRADE_TIMEOUT_SECONDS, TASK_STATUSES } from './task-sets';
export { parseExpression, ExpressionError, MAX_NESTING } from './search-expression';
