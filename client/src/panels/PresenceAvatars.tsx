import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import { initialsOf, type PresenceUser } from '../collab/presence.ts';
import { usePeers } from '../collab/usePeers.ts';

const MAX_SHOWN = 5;

/** Who is on this map right now: you first, then your peers. */
export function PresenceAvatars({ awareness, self }: { awareness: Awareness; self: PresenceUser }) {
  const peers = usePeers(awareness);
  const { t } = useTranslation('panels');
  const people = [{ key: 'self', name: t('presence.you', { name: self.name }), user: self }].concat(
    peers.map((peer) => ({ key: String(peer.clientId), name: peer.user.name, user: peer.user })),
  );
  const shown = people.slice(0, MAX_SHOWN);
  const hidden = people.length - shown.length;
  return (
    <ul className="avatars" aria-label={t('presence.count', { count: people.length })}>
      {shown.map((person) => (
        <li
          key={person.key}
          className="avatar"
          title={person.name}
          style={{ '--peer-color': person.user.color } as CSSProperties}
        >
          <span aria-hidden="true">{initialsOf(person.user.name)}</span>
          <span className="visually-hidden">{person.name}</span>
        </li>
      ))}
      {hidden > 0 && (
        <li
          className="avatar avatar--more"
          title={people
            .slice(MAX_SHOWN)
            .map((p) => p.name)
            .join(', ')}
        >
          +{hidden}
        </li>
      )}
    </ul>
  );
}
