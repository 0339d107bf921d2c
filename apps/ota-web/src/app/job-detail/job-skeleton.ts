import { ChangeDetectionStrategy, Component } from '@angular/core';

/** Grey placeholders in the shape of the job page; the page announces the loading in words. */
@Component({
  selector: 'ota-job-skeleton',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'aria-hidden': 'true' },
  template: `
    <div class="bar title"></div>
    <div class="row">
      <div class="bar pill"></div>
      <div class="bar pill"></div>
    </div>
    @for (card of cards; track $index) {
      <div class="card">
        <div class="bar heading"></div>
        @for (line of card; track $index) {
          <div class="row">
            <div class="bar label"></div>
            <div class="bar" [style.width.%]="line"></div>
          </div>
        }
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .bar {
      height: 1rem;
      border-radius: 0.25rem;
      background: var(--skeleton);
      animation: pulse 1.4s ease-in-out infinite;
    }
    .title {
      height: 2rem;
      width: 45%;
      margin: 0.5rem 0 1rem;
    }
    .heading {
      height: 1.25rem;
      width: 30%;
      margin-bottom: 1rem;
    }
    .pill {
      width: 5rem;
      height: 1.5rem;
      border-radius: 1rem;
    }
    .label {
      width: 9rem;
      flex: none;
    }
    .row {
      display: flex;
      gap: 1rem;
      margin-bottom: 0.75rem;
    }
    @keyframes pulse {
      50% {
        opacity: 0.45;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .bar {
        animation: none;
      }
    }
  `,
})
export class JobSkeleton {
  protected readonly cards = [
    [40, 55, 35, 60],
    [50, 30, 45],
  ];
}
