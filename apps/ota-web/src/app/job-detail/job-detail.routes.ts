import type { Routes } from '@angular/router';
import { JobDetailPage } from './job-detail-page';

/** Lazy: the look-up page never needs the API client or the job page, so neither is in the first bundle. */
export default [{ path: '', component: JobDetailPage }] satisfies Routes;
