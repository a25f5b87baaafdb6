import { ModalDialog } from '../app/ModalDialog.tsx';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { can, mayGrant, ROLES, type MemberView, type Role, type UserView } from '@loopmap/shared';
import './shareDialog.css';
import { messageOf } from '../api/errorText.ts';
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
import { INVITE_EXPIRY_DAYS } from '../auth/roleText.ts';
import { currentLanguage } from '../i18n/i18n.ts';
import { exactDay, relativeWhen } from './commentTime.ts';
import { CopyField } from './CopyField.tsx';
import { UserAvatar } from './UserAvatar.tsx';

const ROLE_ORDER = new Map(ROLES.map((role, i) => [role, i]));
const byRoleThenName = (a: MemberView, b: MemberView): number =>
  (ROLE_ORDER.get(a.role) ?? 9) - (ROLE_ORDER.get(b.role) ?? 9) || a.name.localeCompare(b.name);

function RoleOptions({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation('collab');
  return (
    <>
      {roles.map((role) => (
        <option key={role} value={role}>
          {t(`role.${role}`)}
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
  const { t } = useTranslation('collab');
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
      setError(messageOf(err, t('member.roleFailed')));
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
      setError(messageOf(err, isMe ? t('member.leaveFailed') : t('member.removeFailed')));
      setBusy(false);
      setConfirming(false);
    }
  };

  const leaveOrRemove = isMe ? t('member.leave') : t('member.remove');
  return (
    <li className="member-row" data-testid="member" data-email={member.email}>
      <UserAvatar user={member} size={34} />
      <div className="member-row__who">
        <span className="member-row__name">
          {member.name}
          {isMe && <span className="member-row__you"> {t('member.you')}</span>}
        </span>
        <span className="member-row__email">{member.email}</span>
      </div>
      {confirming ? (
        <div
          className="member-row__confirm"
          role="group"
          aria-label={isMe ? t('member.confirmLeave') : t('member.confirmRemove')}
        >
          <span>{isMe ? t('member.leaveQuestion') : t('member.removeQuestion', { name: member.name })}</span>
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
            {t('common:action.cancel')}
          </button>
        </div>
      ) : (
        <div className="member-row__controls">
          {manage ? (
            <select
              className="input member-row__role"
              aria-label={t('member.roleOf', { name: member.name })}
              value={member.role}
              disabled={busy}
              onChange={(event) => void setRole(event.target.value as Role)}
            >
              <RoleOptions roles={ROLES} />
            </select>
          ) : (
            <span className={`role-tag role-tag--${member.role}`}>{t(`role.${member.role}`)}</span>
          )}
          {(isMe || manage) && (
            <button
              type="button"
              className="button button--quiet button--danger-text"
              aria-label={isMe ? t('member.leaveMap') : t('member.removeName', { name: member.name })}
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
  const { t } = useTranslation('collab');
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
      setError(t('add.emailMissing'));
      return;
    }
    setBusy(true);
    try {
      const member = await addMember(mapId, email.trim(), role);
      onAdded(member);
      setAdded(t('add.added', { name: member.name, role: t(`role.${member.role}`).toLowerCase() }));
      setEmail('');
    } catch (err) {
      setError(messageOf(err, t('add.failed')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="share-form" onSubmit={submit} noValidate aria-label={t('add.form')}>
      <label className="field share-form__grow">
        <span className="field__label">{t('add.email')}</span>
        <input
          className="input"
          type="email"
          inputMode="email"
          autoComplete="off"
          placeholder={t('add.emailPlaceholder')}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </label>
      <label className="field">
        <span className="field__label">{t('add.role')}</span>
        <select className="input" value={role} onChange={(event) => setRole(event.target.value as Role)}>
          <RoleOptions roles={ROLES} />
        </select>
      </label>
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('add.adding') : t('add.add')}
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
  const { t } = useTranslation('collab');
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
      setError(messageOf(err, t('invite.loadFailed')));
    }
  }, [mapId, t]);
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
      setError(messageOf(err, t('invite.createFailed')));
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
      setError(messageOf(err, t('invite.revokeFailed')));
    }
  };

  const newestFirst = [...(invites ?? [])].reverse();
  const language = currentLanguage();
  const now = Date.now();
  return (
    <section className="share-section" aria-labelledby="invites-title">
      <h3 id="invites-title" className="share-section__title">
        {t('invite.title')}
      </h3>
      <p className="share-section__lede">{t('invite.lede')}</p>
      <form className="share-form" onSubmit={create} aria-label={t('invite.form')}>
        <label className="field share-form__grow">
          <span className="field__label">{t('invite.joinsAs')}</span>
          <select className="input" value={role} onChange={(event) => setRole(event.target.value as Role)}>
            <RoleOptions roles={grantable} />
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('invite.worksFor')}</span>
          <select className="input" value={days} onChange={(event) => setDays(Number(event.target.value))}>
            {INVITE_EXPIRY_DAYS.map((n) => (
              <option key={n} value={n}>
                {t('invite.days', { count: n })}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          <LinkIcon size={16} />
          {busy ? t('invite.creating') : t('invite.create')}
        </button>
        <p className="share-form__hint">{t(`roleDescription.${role}`)}</p>
      </form>
      {created && (
        <div className="invite-reveal" role="region" aria-label={t('invite.newLink')}>
          <p className="invite-reveal__title">
            {t('invite.created', {
              role: t(`role.${created.invite.role}`).toLowerCase(),
              day: exactDay(created.invite.expiresAt, language),
            })}
          </p>
          <CopyField value={created.url} label={t('invite.link')} testId="invite-url" />
        </div>
      )}
      {error && (
        <p className="auth-error" role="alert">
          {error}
        </p>
      )}
      {newestFirst.length > 0 && (
        <ul className="invite-list" aria-label={t('invite.title')}>
          {newestFirst.map((invite) => (
            <li key={invite.id} className="invite-row" data-testid="invite" data-status={invite.status}>
              <span className={`role-tag role-tag--${invite.role}`}>{t(`role.${invite.role}`)}</span>
              <span className={`invite-status invite-status--${invite.status}`}>
                {t(`inviteStatus.${invite.status}`)}
              </span>
              <span className="invite-row__meta">
                <Trans
                  t={t}
                  i18nKey={
                    invite.status === 'active'
                      ? 'invite.metaActive'
                      : invite.status === 'expired'
                        ? 'invite.metaExpired'
                        : 'invite.metaRevoked'
                  }
                  values={{
                    name: names.get(invite.createdBy) ?? t('invite.formerMember'),
                    when: relativeWhen(invite.expiresAt, now, language, (key) => t(key)),
                  }}
                  components={{ time: <time dateTime={invite.expiresAt} /> }}
                />
              </span>
              {invite.status === 'active' && (
                <button
                  type="button"
                  className="button button--quiet button--danger-text invite-row__revoke"
                  aria-label={t('invite.revokeLink', { role: t(`role.${invite.role}`).toLowerCase() })}
                  onClick={() => void revoke(invite.id)}
                >
                  {t('invite.revoke')}
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
  const { t } = useTranslation('collab');
  const [members, setMembers] = useState<MemberView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    listMembers(mapId).then(
      (list) => live && setMembers(list.sort(byRoleThenName)),
      (err: unknown) => live && setError(messageOf(err, t('share.membersFailed'))),
    );
    return () => {
      live = false;
    };
  }, [mapId, t]);

  const names = new Map((members ?? []).map((m) => [m.userId, m.userId === me.id ? t('share.you') : m.name]));
  const manage = can(role, 'members.manage');
  return (
    <>
      <section className="share-section" aria-labelledby="members-title">
        <h3 id="members-title" className="share-section__title">
          {t('share.people')} {members && <span className="section-title__count">{members.length}</span>}
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
            {t('share.loadingMembers')}
          </p>
        )}
        {members && (
          <ul className="member-list" aria-label={t('share.members')}>
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
            {can(role, 'invites.manage') ? t('share.onlyOwners') : t('share.onlyOwnersAsk')}
          </p>
        )}
      </section>
      {can(role, 'invites.manage') && <InvitesSection mapId={mapId} myRole={role} names={names} />}
    </>
  );
}

/** Who can open this map, with what role; adding people and invite links (a modal <dialog>). */
export function ShareDialog({ open, onClose, mapId, mapTitle, role, me, onLeft }: ShareDialogProps) {
  const { t } = useTranslation('collab');
  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      className="share-dialog"
      title={t('share.title', { title: mapTitle })}
      subtitle={t(`share.youAre.${role}`)}
    >
      <div className="modal__body">
        <ShareDialogBody mapId={mapId} role={role} me={me} onLeft={onLeft} />
      </div>
    </ModalDialog>
  );
}
