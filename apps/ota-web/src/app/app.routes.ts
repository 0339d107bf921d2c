import type { Routes } from '@angular/router';
import { JobLookupPage } from './job-lookup/job-lookup-page';
import { operatorGuard } from './auth/operator-guard';

const authPage = () => import('./auth/auth-page').then((m) => m.AuthPage);

export const routes: Routes = [
  { path: '', component: JobLookupPage, canActivate: [operatorGuard] },
  { path: 'sign-in', loadComponent: authPage, data: { kind: 'sign-in' } },
  { path: 'signed-out', loadComponent: authPage, data: { kind: 'signed-out' } },
  { path: 'session-expired', loadComponent: authPage, data: { kind: 'session-expired' } },
  { path: 'not-allowed', loadComponent: authPage, data: { kind: 'not-allowed' } },
  {
    path: 'orgs/:orgId/jobs/:jobId',
    canActivate: [operatorGuard],
    loadChildren: () => import('./job-detail/job-detail.routes'),
  },
  {
    path: 'orgs/:orgId/devices/:deviceKey',
    canActivate: [operatorGuard],
    loadChildren: () => import('./device-history/device-history.routes'),
  },
  { path: 'orgs/:orgId/jobs', canActivate: [operatorGuard], loadChildren: () => import('./job-list/job-list.routes') },
  { path: '**', loadComponent: () => import('./shell/page-not-found').then((m) => m.PageNotFound) },
];
