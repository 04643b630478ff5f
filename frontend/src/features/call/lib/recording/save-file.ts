/** Hands `blob` to the person as a download named `fileName`. */
export function downloadFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its own reference by now; give slow browsers a minute anyway.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
