import type { Routes } from '@angular/router';
import { JobListPage } from './job-list-page';

/** Lazy, like the job page: the look-up page's first paint needs neither this page nor the API client. */
export default [{ path: '', component: JobListPage }] satisfies Routes;
