import { useId, useState, type FormEvent } from 'react';

export interface NamePromptProps {
  initialName: string;
  onSubmit: (name: string) => void;
}

/**
 * Asks once for the name peers will see. Not modal: the map stays usable behind it, and
 * dismissing it keeps the suggested guest name (we do not ask again).
 */
export function NamePrompt({ initialName, onSubmit }: NamePromptProps) {
  const [name, setName] = useState(initialName);
  const titleId = useId();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onSubmit(name.trim() || initialName);
  };
  return (
    <section className="name-prompt" role="dialog" aria-labelledby={titleId}>
      <form onSubmit={submit}>
        <h2 id={titleId} className="name-prompt__title">
          What name should others see?
        </h2>
        <p className="name-prompt__hint">Shown next to your cursor and your avatar on every map.</p>
        <div className="name-prompt__row">
          <input
            className="input"
            aria-label="Your name"
            value={name}
            maxLength={60}
            autoComplete="name"
            onChange={(event) => setName(event.target.value)}
          />
          <button type="submit" className="button button--primary">
            Join
          </button>
        </div>
        <button type="button" className="link-button" onClick={() => onSubmit(initialName)}>
          Keep “{initialName}”
        </button>
      </form>
    </section>
  );
}
