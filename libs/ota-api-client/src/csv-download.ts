/** How far a CSV download has got. */
export interface CsvProgress {
  /** Bytes of the file received so far. */
  readonly bytes: number;
  /** Tasks in the file (`X-Total-Count`), when the service said. */
  readonly total: number | null;
}

/** A downloaded CSV file, as text. */
export interface CsvFile {
  readonly text: string;
  /** The name the service chose (`Content-Disposition`), if any. */
  readonly fileName: string | null;
  readonly total: number | null;
}

/** The file name in `attachment; filename="…"`, if any. */
export function attachmentFileName(disposition: string | null): string | null {
  const match = /filename="([^"]+)"/.exec(disposition ?? '');
  return match?.[1] ?? null;
}

export function totalCount(headers: Headers): number | null {
  const value = headers.get('x-total-count');
  return value !== null && /^\d+$/.test(value) ? Number(value) : null;
}

/**
 * Reads a streamed file to its end, reporting progress once the headers are in and after every chunk
 * (the service writes rows as it pages EnOS, so a large export shows movement long before it ends).
 */
export async function readCsvFile(
  response: Response,
  body: ReadableStream<Uint8Array> | null | undefined,
  onProgress: (progress: CsvProgress) => void,
): Promise<CsvFile> {
  const total = totalCount(response.headers);
  const fileName = attachmentFileName(response.headers.get('content-disposition'));
  onProgress({ bytes: 0, total });
  if (!body) return { text: '', fileName, total };
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    text += decoder.decode(value, { stream: true });
    onProgress({ bytes, total });
  }
  return { text: text + decoder.decode(), fileName, total };
}
