import { useState, type FormEvent } from 'react';
import { TYPING_ATTRIBUTE } from './wedge-listener.ts';

type Props = {
  label: string;
  onSubmit(text: string): void;
  onCancel(): void;
};

/** Typing a code when the label will not scan: the last resort, one field and one button. */
export function ManualEntry({ label, onSubmit, onCancel }: Props) {
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = value.trim();
    if (text) onSubmit(text);
  };
  return (
    <form className="manual" onSubmit={submit} {...{ [TYPING_ATTRIBUTE]: '' }}>
      <label className="field">
        <span className="field__label">{label}</span>
        <input
          className="field__input"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoFocus
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          enterKeyHint="done"
          data-testid="manual-input"
        />
      </label>
      <div className="actions">
        <button type="submit" className="button" disabled={!value.trim()}>
          OK
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
