import { DOCUMENT, Injectable, inject } from '@angular/core';

/** Saves text as a file the browser downloads (a service, so tests can see what would be saved). */
@Injectable({ providedIn: 'root' })
export class FileSaver {
  private readonly document = inject(DOCUMENT);

  save(fileName: string, text: string, type: string): void {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = this.document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    this.document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
