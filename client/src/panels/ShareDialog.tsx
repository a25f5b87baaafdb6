import { ModalDialog } from '../app/ModalDialog.tsx';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { can, mayGrant, ROLE_LABELS, ROLES, type MemberView, type Role, type UserView } from '@loopmap/shared';
import './shareDialog.css';
import { messageOf } from '../api/ApiError.ts';
import {
  addMember,
  changeMemberRole,
  createInvite,
  listInvites,
  listMembers,
  removeMember,
  revokeInvite,
  type InviteView,
} from '../api/sharingApi.ts';
import { LinkIcon } from '../app/icons.tsx';
import { INVITE_EXPIRY_DAYS, ROLE_DESCRIPTIONS, ROLE_WITH_ARTICLE } from '../auth/roleText.ts';
import { relativeTime } from '../pages/relativeTime.ts';
import { CopyField } from './CopyField.tsx';
import { UserAvatar } from './UserAvatar.tsx';
import { dayText } from '../app/dates.ts';

const ROLE_ORDER = new Map(ROLES.map((role, i) => [role, i]));
const byRoleThenName = (a: MemberView, b: MemberView): number =>
  (ROLE_ORDER.get(a.role) ?? 9) - (ROLE_ORDER.get(b.role) ?? 9) || a.name.localeCompare(b.name);

function RoleOptions({ roles }: { roles: readonly Role[] }) {
  return (
    <>
      {roles.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </>
  );
}

interface MemberRowProps {
  mapId: string;
  member: MemberView;
  isMe: boolean;
  myRole: Role;
  onChanged: (member: MemberView) => void;
  onRemoved: (userId: string) => void;
}

function MemberRow({ mapId, member, isMe, myRole, onChanged, onRemoved }: MemberRowProps) {
  const manage = can(myRole, 'members.manage');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const setRole = async (role: Role): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await changeMemberRole(mapId, member.userId, role));
    } catch (err) {
      setError(messageOf(err, 'Could not change the role.'));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await removeMember(mapId, member.userId);
      onRemoved(member.userId);
    } catch (err) {
      setError(messageOf(err, isMe ? 'Could not leave the map.' : 'Could not remove them.'));
      setBusy(false);
      setConfirming(false);
    }
  };

  const leaveOrRemove = isMe ? 'Leave' : 'Remove';
  return (
    <li className="member-row" data-testid="member" data-email={member.email}>
      <UserAvatar user={member} size={34} />
      <div className="member-row__who">
        <span className="member-row__name">
          {member.name}
          {isMe && <span className="member-row__you"> (you)</span>}
        </span>
        <span className="member-row__email">{member.email}</span>
      </div>
      {confirming ? (
        <div className="member-row__confirm" role="group" aria-label={`Confirm: ${leaveOrRemove.toLowerCase()}`}>
          <span>{isMe ? 'Leave this map?' : `Remove ${member.name}?`}</span>
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            onClick={() => void remove()}
            autoFocus
          >
            {leaveOrRemove}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="member-row__controls">
          {manage ? (
            <select
              className="input member-row__role"
              aria-label={`Role of ${member.name}`}
              value={member.role}
              disabled={busy}
              onChange={(event) => void setRole(event.target.value as Role)}
            >
              <RoleOptions roles={ROLES} />
            </select>
          ) : (
            <span className={`role-tag role-tag--${member.role}`}>{ROLE_LABELS[member.role]}</span>
          )}
          {(isMe || manage) && (
            <button
              type="button"
              className="button button--quiet button--danger-text"
              aria-label={isMe ? 'Leave this map' : `Remove ${member.name}`}
              onClick={() => setConfirming(true)}
            >
              {leaveOrRemove}
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="form-error member-row__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

function AddMemberForm({ mapId, onAdded }: { mapId: string; onAdded: (member: MemberView) => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    setAdded(null);
    if (!email.trim()) {
      setError('Enter the email address of their Loopmap account.');
      return;
    }
    setBusy(true);
    try {
      const member = await addMember(mapId, email.trim(), role);
      onAdded(member);
      setAdded(`${member.name} can now open this map as ${ROLE_LABELS[member.role].toLowerCase()}.`);
      setEmail('');
    } catch (err) {
      setError(messageOf(err, 'Could not add them.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="share-form" onSubmit={submit} noValidate aria-label="Add a member">
      <label className="field share-form__grow">
        <span className="field__label">Add by email</span>
        <input
          className="input"
          type="email"
          inputMode="email"
          autoComplete="off"
          placeholder="name@organisation.org"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </label>
      <label className="field">
        <span className="field__label">Role</span>
        <select className="input" value={role} onChange={(event) => setRole(event.target.value as Role)}>
          <RoleOptions roles={ROLES} />
        </select>
      </label>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Adding…' : 'Add'}
      </button>
      {error && (
        <p className="auth-error share-form__message" role="alert">
          {error}
        </p>
      )}
      {added && (
        <p className="success-note share-form__message" role="status">
          {added}
        </p>
      )}
    </form>
  );
}

interface InvitesSectionProps {
  mapId: string;
  myRole: Role;
  names: ReadonlyMap<string, string>;
}

function InvitesSection({ mapId, myRole, names }: InvitesSectionProps) {
  const grantable = ROLES.filter((role) => mayGrant(myRole, role));
  const [role, setRole] = useState<Role>(grantable.includes('editor') ? 'editor' : (grantable[0] ?? 'viewer'));
  const [days, setDays] = useState<number>(7);
  const [invites, setInvites] = useState<InviteView[] | null>(null);
  const [created, setCreated] = useState<{ url: string; invite: InviteView } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setInvites(await listInvites(mapId));
    } catch (err) {
      setError(messageOf(err, 'Could not load the invite links.'));
    }
  }, [mapId]);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { token, invite } = await createInvite(mapId, role, days);
      // Built from the address the user sees rather than the server's `url`: behind a proxy that
      // ends TLS, the server sees http:// and its own host name.
      setCreated({ url: `${window.location.origin}/invite/${encodeURIComponent(token)}`, invite });
      setInvites((current) => [...(current ?? []), invite]);
    } catch (err) {
      setError(messageOf(err, 'Could not create the link.'));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: string): Promise<void> => {
    setError(null);
    try {
      await revokeInvite(mapId, id);
      setInvites((current) => current?.map((i) => (i.id === id ? { ...i, status: 'revoked' as const } : i)) ?? null);
      if (created?.invite.id === id) setCreated(null);
    } catch (err) {
      setError(messageOf(err, 'Could not revoke the link.'));
    }
  };

  const newestFirst = [...(invites ?? [])].reverse();
  return (
    <section className="share-section" aria-labelledby="invites-title">
      <h3 id="invites-title" className="share-section__title">
        Invite links
      </h3>
      <p className="share-section__lede">
        Anyone who signs in with the link joins with the role you choose. Good for people without an account yet.
      </p>
      <form className="share-form" onSubmit={create} aria-label="Create an invite link">
        <label className="field share-form__grow">
          <span className="field__label">Joins as</span>
          <select className="input" value={role} onChange={(event) => setRole(event.target.value as Role)}>
            <RoleOptions roles={grantable} />
          </select>
        </label>
        <label className="field">
          <span className="field__label">Link works for</span>
          <select className="input" value={days} onChange={(event) => setDays(Number(event.target.value))}>
            {INVITE_EXPIRY_DAYS.map((n) => (
              <option key={n} value={n}>
                {n === 1 ? '1 day' : `${n} days`}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          <LinkIcon size={16} />
          {busy ? 'Creating…' : 'Create link'}
        </button>
        <p className="share-form__hint">{ROLE_DESCRIPTIONS[role]}</p>
      </form>
      {created && (
        <div className="invite-reveal" role="region" aria-label="New invite link">
          <p className="invite-reveal__title">
            Link for a new {ROLE_LABELS[created.invite.role].toLowerCase()}, until {dayText(created.invite.expiresAt)}.
            Copy it now: it is shown only once.
          </p>
          <CopyField value={created.url} label="Invite link" testId="invite-url" />
        </div>
      )}
      {error && (
        <p className="auth-error" role="alert">
          {error}
        </p>
      )}
      {newestFirst.length > 0 && (
        <ul className="invite-list" aria-label="Invite links">
          {newestFirst.map((invite) => (
            <li key={invite.id} className="invite-row" data-testid="invite" data-status={invite.status}>
              <span className={`role-tag role-tag--${invite.role}`}>{ROLE_LABELS[invite.role]}</span>
              <span className={`invite-status invite-status--${invite.status}`}>{invite.status}</span>
              <span className="invite-row__meta">
                by {names.get(invite.createdBy) ?? 'a former member'} ·{' '}
                {invite.status === 'active' ? 'expires ' : invite.status === 'expired' ? 'expired ' : 'was to expire '}
                <time dateTime={invite.expiresAt}>{relativeTime(invite.expiresAt)}</time>
              </span>
              {invite.status === 'active' && (
                <button
                  type="button"
                  className="button button--quiet button--danger-text invite-row__revoke"
                  aria-label={`Revoke ${ROLE_LABELS[invite.role].toLowerCase()} link`}
                  onClick={() => void revoke(invite.id)}
                >
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export interface ShareDialogProps {
  open: boolean;
  onClose: () => void;
  mapId: string;
  mapTitle: string;
  /** The user's own role on the map (controls follow it; the server is the authority). */
  role: Role;
  me: UserView;
  /** The user left the map. */
  onLeft: () => void;
}

function ShareDialogBody({ mapId, role, me, onLeft }: Omit<ShareDialogProps, 'open' | 'onClose' | 'mapTitle'>) {
  const [members, setMembers] = useState<MemberView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    listMembers(mapId).then(
      (list) => live && setMembers(list.sort(byRoleThenName)),
      (err: unknown) => live && setError(messageOf(err, 'Could not load the members.')),
    );
    return () => {
      live = false;
    };
  }, [mapId]);

  const names = new Map((members ?? []).map((m) => [m.userId, m.userId === me.id ? 'you' : m.name]));
  const manage = can(role, 'members.manage');
  return (
    <>
      <section className="share-section" aria-labelledby="members-title">
        <h3 id="members-title" className="share-section__title">
          People with access {members && <span className="section-title__count">{members.length}</span>}
        </h3>
        {manage && (
          <AddMemberForm mapId={mapId} onAdded={(m) => setMembers((c) => [...(c ?? []), m].sort(byRoleThenName))} />
        )}
        {error && (
          <p className="auth-error" role="alert">
            {error}
          </p>
        )}
        {!members && !error && (
          <p className="muted" role="status">
            Loading members…
          </p>
        )}
        {members && (
          <ul className="member-list" aria-label="Members">
            {members.map((member) => (
              <MemberRow
                key={member.userId}
                mapId={mapId}
                member={member}
                isMe={member.userId === me.id}
                myRole={role}
                onChanged={(changed) =>
                  setMembers((c) =>
                    (c ?? []).map((m) => (m.userId === changed.userId ? changed : m)).sort(byRoleThenName),
                  )
                }
                onRemoved={(userId) => {
                  if (userId === me.id) onLeft();
                  else setMembers((c) => (c ?? []).filter((m) => m.userId !== userId));
                }}
              />
            ))}
          </ul>
        )}
        {!manage && (
          <p className="share-section__note">
            Only owners add people and change roles.
            {!can(role, 'invites.manage') && ' Ask an owner or a facilitator to invite someone.'}
          </p>
        )}
      </section>
      {can(role, 'invites.manage') && <InvitesSection mapId={mapId} myRole={role} names={names} />}
    </>
  );
}

/** Who can open this map, with what role; adding people and invite links (a modal <dialog>). */
export function ShareDialog({ open, onClose, mapId, mapTitle, role, me, onLeft }: ShareDialogProps) {
  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      className="share-dialog"
      title={`Share “${mapTitle}”`}
      subtitle={`You are ${ROLE_WITH_ARTICLE[role]} of this map.`}
    >
      <div className="modal__body">
        <ShareDialogBody mapId={mapId} role={role} me={me} onLeft={onLeft} />
      </div>
    </ModalDialog>
  );
}
