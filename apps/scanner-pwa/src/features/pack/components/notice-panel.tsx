import type { PackNotice } from './use-pack-flow.ts';

/** What the last scan came to, in words beside the beep; a refusal stays until read or the next scan. */
export function NoticePanel({ notice, onDismiss }: { notice: PackNotice; onDismiss(): void }) {
  const rejected = notice.tone === 'error';
  return (
    <section
      className={`verdict ${rejected ? 'verdict--rejected' : 'verdict--accepted'}`}
      role={rejected ? 'alert' : 'status'}
      data-testid="pack-notice"
      data-verdict={rejected ? 'rejected' : 'accepted'}
      data-code={notice.code ?? ''}
    >
      <h2 className="verdict__title">
        {rejected ? '✗ ' : ''}
        {notice.title}
      </h2>
      {notice.detail && <p className="verdict__detail">{notice.detail}</p>}
      {rejected && (
        <button type="button" className="button button--secondary" onClick={onDismiss}>
          OK
        </button>
      )}
    </section>
  );
}
