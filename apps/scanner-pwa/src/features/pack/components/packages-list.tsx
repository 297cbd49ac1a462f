import type { OutboxStatus } from '../../../db/db-types.ts';
import { packageStatus, type PackageStatus } from '../engine/pack-remaining.ts';
import type { LocalPackage } from '../engine/pack-tables.ts';
import { LabelView } from './label-view.tsx';

type Props = {
  packages: readonly LocalPackage[];
  outbox: ReadonlyMap<string, OutboxStatus>;
  rejections: ReadonlyMap<string, { code: string | null; message: string | null }>;
  token: string;
  online: boolean;
};

const statusWords: Record<PackageStatus, string> = {
  queued: 'Queued — goes out when online',
  refused: 'Refused by the server',
  unanswered: 'Sent — waiting for the answer',
  synced: 'Synced — label coming',
  label_ready: 'Label ready',
};

/** The packages sealed on this device, newest first, each with where it stands and its label once there is one. */
export function PackagesList({ packages, outbox, rejections, token, online }: Props) {
  if (packages.length === 0) return null;
  const sorted = [...packages].sort((a, b) => b.created_at.localeCompare(a.created_at));
  return (
    <section className="actions" aria-label="Packages">
      <h2 className="screen__title">Packages</h2>
      <ul className="list" data-testid="pack-packages">
        {sorted.map((pkg) => {
          const status = packageStatus(pkg, outbox.get(pkg.mutation_id));
          const refusal = pkg.refused ?? rejections.get(pkg.mutation_id);
          const units = pkg.items.reduce((n, i) => n + i.qty, 0);
          return (
            <li
              key={pkg.mutation_id}
              className="list-item"
              data-testid="pack-package"
              data-status={status}
              data-package-id={pkg.package_id ?? ''}
              data-fulfillment-ids={pkg.fulfillment_ids.join(' ')}
            >
              <span className="list-item__title">
                {pkg.order_ids.join(', ') || pkg.fulfillment_ids.join(', ')} · {units} {units === 1 ? 'item' : 'items'}
              </span>
              <span className="list-item__detail" data-testid="pack-package-status">
                {statusWords[status]}
                {pkg.sscc ? ` · SSCC ${pkg.sscc}` : ''}
              </span>
              <span className="list-item__detail">
                {pkg.box_code ?? `${pkg.dims_mm.l}×${pkg.dims_mm.w}×${pkg.dims_mm.h} mm`} · {pkg.weight_g} g
              </span>
              {status === 'refused' && refusal && (
                <span className="list-item__detail" role="alert" data-code={refusal.code ?? ''}>
                  {refusal.message || refusal.code}
                </span>
              )}
              {status === 'label_ready' && <LabelView pkg={pkg} token={token} online={online} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
