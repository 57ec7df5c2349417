/** A run's media through the session: blob: URLs for <img> (revoked when no longer shown) and downloads of the original file. */
import { useEffect, useState } from 'react';
import type { Client } from '../api';

export interface ObjectUrl { url: string | undefined; type: string; error: boolean }

/** `href`'s bytes as a blob: URL with their content type, while the component is shown. */
export function useObjectUrl(api: Client, href: string): ObjectUrl {
  const [state, setState] = useState<ObjectUrl>({ url: undefined, type: '', error: false });
  useEffect(() => {
    let url: string | undefined;
    let live = true;
    api.blob(href).then((b) => { url = URL.createObjectURL(b); if (live) setState({ url, type: b.type, error: false }); },
      () => { if (live) setState({ url: undefined, type: '', error: true }); });
    return () => { live = false; if (url) URL.revokeObjectURL(url); };
  }, [api, href]);
  return state;
}

/** Saves `href`'s bytes as the file `name`. */
export async function downloadBlob(api: Client, href: string, name: string): Promise<void> {
  const url = URL.createObjectURL(await api.blob(href));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
