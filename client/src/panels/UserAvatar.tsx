import type { CSSProperties } from 'react';
import { presenceColorFor, type UserView } from '@loopmap/shared';
import { initialsOf } from '../collab/presence.ts';

/** A round avatar with a user's initials, in the presence colour peers see them in. */
export function UserAvatar({ user, size = 30 }: { user: Pick<UserView, 'id' | 'name'>; size?: number }) {
  const style = {
    '--peer-color': presenceColorFor(user.id),
    width: size,
    height: size,
    fontSize: Math.round(size * 0.38),
  } as CSSProperties;
  return (
    <span className="user-avatar" style={style} aria-hidden="true">
      {initialsOf(user.name)}
    </span>
  );
}
