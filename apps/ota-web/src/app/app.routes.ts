import { inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { JobLookupPage } from './job-lookup/job-lookup-page';
import { operatorGuard } from './auth/operator-guard';
import { I18n } from './i18n/i18n';

const authPage = () => import('./auth/auth-page').then((m) => m.AuthPage);

/** Pages of dates and numbers: the locale's Intl data loads while their code does (see `prepareFormats`). */
const withFormats =
  <T>(load: () => Promise<T>) =>
  () => {
    inject(I18n).prepareFormats();
    return load();
  };

export const routes: Routes = [
  { path: '', component: JobLookupPage, canActivate: [operatorGuard] },
  { path: 'sign-in', loadComponent: authPage, data: { kind: 'sign-in' } },
  { path: 'signed-out', loadComponent: authPage, data: { kind: 'signed-out' } },
  { path: 'session-expired', loadComponent: authPage, data: { kind: 'session-expired' } },
  { path: 'not-allowed', loadComponent: authPage, data: { kind: 'not-allowed' } },
  {
    path: 'orgs/:orgId/jobs/:jobId',
    canActivate: [operatorGuard],
    loadChildren: withFormats(() => import('./job-detail/job-detail.routes')),
  },
  {
    path: 'orgs/:orgId/devices/:deviceKey',
    canActivate: [operatorGuard],
    loadChildren: withFormats(() => import('./device-history/device-history.routes')),
  },
  {
    path: 'orgs/:orgId/jobs',
    canActivate: [operatorGuard],
    loadChildren: withFormats(() => import('./job-list/job-list.routes')),
  },
  { path: '**', loadComponent: () => import('./shell/page-not-found').then((m) => m.PageNotFound) },
];
