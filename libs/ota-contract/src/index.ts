/**
 * The enos-ota contract: types generated from the OpenAPI specs in `openapi/`, friendly aliases, and
 * framework-free constants. Safe for the browser: nothing here loads the specs or a validator
 * (for that, import `@enos-ota/ota-contract/validation`).
 */
import type { components as OtaApiComponents } from './generated/ota-api';
import type { components as EnosComponents } from './generated/enos-gateway';

export type { paths as OtaApiPaths, operations as OtaApiOperations } from './generated/ota-api';
export type { paths as EnosGatewayPaths, operations as EnosGatewayOperations } from './generated/enos-gateway';

type EnosSchemas = EnosComponents['schemas'];
type OtaApiSchemas = OtaApiComponents['schemas'];

// EnOS payloads, named as EnOS names them.
export type JobInfo = EnosSchemas['JobInfo'];
export type StringI18n = EnosSchemas['StringI18n'];
export type UpgradeScope = EnosSchemas['UpgradeScope'];
export type AssetTreeScope = EnosSchemas['AssetTreeScope'];
export type RetryPolicy = EnosSchemas['RetryPolicy'];
export type SchedulePolicy = EnosSchemas['SchedulePolicy'];
export type JobType = EnosSchemas['JobType'];
export type KnownJobType = EnosSchemas['KnownJobType'];
export type JobStatus = EnosSchemas['JobStatus'];
export type KnownJobStatus = EnosSchemas['KnownJobStatus'];
export type UpgradePolicy = EnosSchemas['UpgradePolicy'];
export type KnownUpgradePolicy = EnosSchemas['KnownUpgradePolicy'];
export type UpgradeScopeType = EnosSchemas['UpgradeScopeType'];
export type KnownUpgradeScopeType = EnosSchemas['KnownUpgradeScopeType'];
export type LenientInteger = EnosSchemas['LenientInteger'];
export type LenientNumber = EnosSchemas['LenientNumber'];
export type EnosEnvelope = EnosSchemas['EnosEnvelope'];
export type GetOtaJobResponse = EnosSchemas['GetOtaJobResponse'];
export type TokenGetRequest = EnosSchemas['TokenGetRequest'];
export type TokenRefreshRequest = EnosSchemas['TokenRefreshRequest'];
export type TokenResponse = EnosSchemas['TokenResponse'];
export type AccessTokenData = EnosSchemas['AccessTokenData'];
export type TaskInfo = EnosSchemas['TaskInfo'];
export type TaskStatus = EnosSchemas['TaskStatus'];
export type KnownTaskStatus = EnosSchemas['KnownTaskStatus'];
export type FirmwareInfo = EnosSchemas['FirmwareInfo'];
export type SignMethod = EnosSchemas['SignMethod'];
export type Pagination = EnosSchemas['Pagination'];
export type PaginationRequest = EnosSchemas['PaginationRequest'];
export type SearchRequest = EnosSchemas['SearchRequest'];
export type SearchOtaJobsResponse = EnosSchemas['SearchOtaJobsResponse'];
export type SearchOtaTasksResponse = EnosSchemas['SearchOtaTasksResponse'];
export type GetFirmwareResponse = EnosSchemas['GetFirmwareResponse'];

// Our REST API.
export type OrgId = OtaApiSchemas['OrgId'];
export type JobId = OtaApiSchemas['JobId'];
export type ProblemDetails = OtaApiSchemas['ProblemDetails'];
export type ProblemCode = OtaApiSchemas['ProblemCode'];
export type FieldError = OtaApiSchemas['FieldError'];
export type HealthReport = OtaApiSchemas['HealthReport'];
export type OtaJobPage = OtaApiSchemas['OtaJobPage'];
export type OtaTaskPage = OtaApiSchemas['OtaTaskPage'];
export type JobProgress = OtaApiSchemas['JobProgress'];
export type TaskCounts = OtaApiSchemas['TaskCounts'];
export type SignedInOperator = OtaApiSchemas['SignedInOperator'];
export type FailureReason = OtaApiSchemas['FailureReason'];
export type JobSummaries = OtaApiSchemas['JobSummaries'];
export type JobSummary = OtaApiSchemas['JobSummary'];
export type JobSummaryCounts = OtaApiSchemas['JobSummaryCounts'];

export * from './generated/schema-constants';
export { checkStringConstraints, type StringConstraints } from './string-constraints';
export { problemTypeUri } from './problem-type';
