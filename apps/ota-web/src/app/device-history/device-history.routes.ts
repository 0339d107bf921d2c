import { provideHttpClient } from '@angular/common/http';
import type { Routes } from '@angular/router';
import { OtaApi } from '../api/ota-api';
import { DeviceHistoryPage } from './device-history-page';

/** Lazy, like the job pages. */
export default [{ path: '', component: DeviceHistoryPage, providers: [provideHttpClient(), OtaApi] }] satisfies Routes;
