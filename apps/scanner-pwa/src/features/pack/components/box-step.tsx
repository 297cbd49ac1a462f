import type { Dims } from '@fulfillment/domain/packaging/cartonize';
import { useState } from 'react';
import { packageDimsOf, parseWeight, type BoxSuggestion } from '../engine/pack-box.ts';
import type { PackagingProfileRow } from '../engine/pack-tables.ts';

type Props = {
  suggestion: BoxSuggestion;
  profiles: readonly PackagingProfileRow[];
  units: number;
  weight: number | null;
  busy: boolean;
  onWeight(weight: number | null): void;
  onSeal(dims: Dims, profile: { id: string; code: string } | null): void;
  onBack(): void;
};

const fmt = (d: Dims) => `${d.l}×${d.w}×${d.h} mm`;

function suggestionText(s: BoxSuggestion): string {
  switch (s.kind) {
    case 'suggested':
      return `Use ${s.profile.code} (${fmt(s.profile.inner_mm)}), about ${s.expected_weight_g} g packed`;
    case 'unknown_dims':
      return `No size known for ${s.skus.join(', ')}: choose the box`;
    case 'no_fit':
      return `No box fits: ${s.detail}`;
  }
}

const noDims = { l: '', w: '', h: '' };

/** The suggested box (cartonization), the weight (typed, or from a scale on the wedge), and Seal. */
export function BoxStep({ suggestion, profiles, units, weight, busy, onWeight, onSeal, onBack }: Props) {
  const suggested = suggestion.kind === 'suggested' ? suggestion.profile.id : (profiles[0]?.id ?? '');
  const [profileId, setProfileId] = useState<string>(suggested);
  const [dims, setDims] = useState(noDims);
  const profile = profiles.find((p) => p.id === profileId);
  const manual = { l: Number(dims.l), w: Number(dims.w), h: Number(dims.h) };
  const manualOk = [manual.l, manual.w, manual.h].every((n) => Number.isInteger(n) && n >= 1 && n <= 10_000);
  const canSeal = weight !== null && (profile !== undefined || manualOk) && !busy;
  const seal = () => {
    if (!canSeal) return;
    onSeal(profile ? packageDimsOf(profile) : manual, profile ? { id: profile.id, code: profile.code } : null);
  };
  return (
    <section className="actions" data-testid="pack-box-step">
      <p className="prompt">
        {units} {units === 1 ? 'item' : 'items'}: box, weigh, seal
      </p>
      <p className="notice" data-testid="box-suggestion" data-kind={suggestion.kind}>
        {suggestionText(suggestion)}
      </p>
      {profiles.length > 0 ? (
        <label className="field">
          <span className="field__label">Box</span>
          <select
            className="field__input"
            value={profileId}
            onChange={(e) => setProfileId(e.target.value)}
            data-testid="box-profile"
          >
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.code} · {fmt(p.inner_mm)}
              </option>
            ))}
            <option value="">Other size…</option>
          </select>
        </label>
      ) : null}
      {!profile && (
        <div className="actions actions--row">
          {(['l', 'w', 'h'] as const).map((axis) => (
            <label className="field" key={axis}>
              <span className="field__label">{axis.toUpperCase()} mm</span>
              <input
                className="field__input"
                inputMode="numeric"
                value={dims[axis]}
                onChange={(e) => setDims({ ...dims, [axis]: e.target.value })}
              />
            </label>
          ))}
        </div>
      )}
      <label className="field">
        <span className="field__label">Weight (g)</span>
        <input
          className="field__input"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={weight ?? ''}
          onChange={(e) => onWeight(parseWeight(e.target.value) ?? null)}
          placeholder="Put the box on the scale"
          data-testid="pack-weight"
        />
      </label>
      <button type="button" className="button" disabled={!canSeal} onClick={seal} data-testid="pack-seal">
        Seal
      </button>
      <button type="button" className="button button--secondary" onClick={onBack}>
        Back to items
      </button>
    </section>
  );
}
