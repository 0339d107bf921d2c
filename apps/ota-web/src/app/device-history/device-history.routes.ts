import type { Routes } from '@angular/router';
import { DeviceHistoryPage } from './device-history-page';

/** Lazy, like the job pages. */
export default [{ path: '', component: DeviceHistoryPage }] satisfies Routes;
