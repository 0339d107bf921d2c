import { inject } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';

/** Changes to the URL's query: a value, or null (or '') to remove the parameter. */
export type QueryChanges = Record<string, string | number | null>;

/**
 * Returns a function that merges changes into the current URL's query (empty values removed). It is not a
 * new page: the scroll position stays (`scroll: 'manual'`). Call in an injection context.
 */
export function injectQueryNavigation(): (changes: QueryChanges) => void {
  const router = inject(Router);
  const route = inject(ActivatedRoute);
  return (changes) => {
    const queryParams = Object.fromEntries(
      Object.entries(changes).map(([key, value]) => [key, value === '' ? null : value]),
    );
    void router.navigate([], {
      relativeTo: route,
      queryParams,
      queryParamsHandling: 'merge',
      scroll: 'manual',
    });
  };
}
