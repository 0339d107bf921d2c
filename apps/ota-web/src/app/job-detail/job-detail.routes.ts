import { provideHttpClient } from '@angular/common/http';
import type { Routes } from '@angular/router';
import { OtaApi } from '../api/ota-api';
import { JobDetailPage } from './job-detail-page';

/** Lazy: the look-up page never needs the HTTP client or the job page, so neither is in the first bundle. */
export default [{ path: '', component: JobDetailPage, providers: [provideHttpClient(), OtaApi] }] satisfies Routes;
