import { useEffect, useRef } from 'react';
import { db } from '../../../db/db.ts';
import { freshLabel } from '../engine/label-poller.ts';
import type { LocalPackage } from '../engine/pack-tables.ts';

type Props = { pkg: LocalPackage; token: string; online: boolean };

/**
 * The package's shipping label: the PDF in the page, printed through the browser's print dialog,
 * and the ZPL rendering of the same label to download for a thermal printer.
 */
export function LabelView({ pkg, token, online }: Props) {
  const frame = useRef<HTMLIFrameElement>(null);
  // Signed links expire: old ones are made anew (into the cache this reads) before they are used.
  useEffect(() => {
    if (online) freshLabel(db, token, pkg, new Date()).catch(() => undefined);
    // Once per package shown (and on coming back online), not on every change of the cache.
  }, [pkg.mutation_id, online]);

  const current = pkg.label;
  if (!current?.pdf_url) return null;
  const name = `label-${pkg.sscc ?? pkg.package_id ?? pkg.mutation_id}`;
  return (
    <div className="actions" data-testid="label-view">
      {current.tracking_number && (
        <p className="notice" data-testid="tracking-number">
          Tracking {current.tracking_number}
        </p>
      )}
      <iframe
        ref={frame}
        src={current.pdf_url}
        title={`Shipping label ${name}`}
        data-testid="label-frame"
        style={{ width: '100%', height: '420px', border: 0, background: '#ffffff' }}
      />
      <div className="actions actions--row">
        <button
          type="button"
          className="button"
          onClick={() => frame.current?.contentWindow?.print()}
          data-testid="print-label"
        >
          Print
        </button>
        {current.zpl_url ? (
          <a
            className="button button--secondary"
            href={current.zpl_url}
            download={`${name}.zpl`}
            data-testid="download-zpl"
          >
            Download ZPL
          </a>
        ) : (
          <span className="notice">ZPL on its way…</span>
        )}
      </div>
    </div>
  );
}
