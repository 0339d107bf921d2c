import { provideHttpClient } from '@angular/common/http';
import type { Routes } from '@angular/router';
import { OtaApi } from '../api/ota-api';
import { JobListPage } from './job-list-page';

/** Lazy, like the job page: the look-up page's first paint needs neither this page nor the HTTP client. */
export default [{ path: '', component: JobListPage, providers: [provideHttpClient(), OtaApi] }] satisfies Routes;
