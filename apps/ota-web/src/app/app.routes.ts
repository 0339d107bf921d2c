import type { Routes } from '@angular/router';
import { JobLookupPage } from './job-lookup/job-lookup-page';

export const routes: Routes = [
  { path: '', component: JobLookupPage },
  { path: 'orgs/:orgId/jobs/:jobId', loadChildren: () => import('./job-detail/job-detail.routes') },
  { path: 'orgs/:orgId/devices/:deviceKey', loadChildren: () => import('./device-history/device-history.routes') },
  { path: 'orgs/:orgId/jobs', loadChildren: () => import('./job-list/job-list.routes') },
  { path: '**', loadComponent: () => import('./shell/page-not-found').then((m) => m.PageNotFound) },
];
