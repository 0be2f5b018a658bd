/** Saves bytes or text as a file through the browser's download (the desktop app asks where). */
export function saveFile(name: string, content: string | Uint8Array, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // the download has its own copy by then
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
