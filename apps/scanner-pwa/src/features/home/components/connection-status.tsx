import { useOnlineStatus } from '../../../hooks/use-online-status.ts';
import { describeConnection } from '../../../lib/online-status.ts';

export function ConnectionStatus() {
  const status = useOnlineStatus();
  const { label, detail } = describeConnection(status);
  return (
    <section
      className={`connection connection--${status}`}
      role="status"
      aria-live="polite"
      data-testid="connection-status"
      data-status={status}
    >
      <span className="connection__dot" aria-hidden="true" />
      <span>
        <strong className="connection__label">{label}</strong>
        <span className="connection__detail">{detail}</span>
      </span>
    </section>
  );
}
