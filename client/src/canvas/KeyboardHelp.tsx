import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../app/ModalDialog.tsx';

/** The shortcuts, as keys to press and what they do (catalogue keys under keyboard.help). */
const SHORTCUTS = [
  { keys: 'keyboard.help.tabKeys', does: 'keyboard.help.tab' },
  { keys: 'keyboard.help.rightKeys', does: 'keyboard.help.right' },
  { keys: 'keyboard.help.leftKeys', does: 'keyboard.help.left' },
  { keys: 'keyboard.help.upDownKeys', does: 'keyboard.help.upDown' },
  { keys: 'keyboard.help.enterKeys', does: 'keyboard.help.enter' },
  { keys: 'keyboard.help.spaceKeys', does: 'keyboard.help.space' },
  { keys: 'keyboard.help.moveKeys', does: 'keyboard.help.move', edits: true },
  { keys: 'keyboard.help.linkKeys', does: 'keyboard.help.link', edits: true },
  { keys: 'keyboard.help.deleteKeys', does: 'keyboard.help.delete', edits: true },
  { keys: 'keyboard.help.undoKeys', does: 'keyboard.help.undo', edits: true },
  { keys: 'keyboard.help.escapeKeys', does: 'keyboard.help.escape' },
  { keys: 'keyboard.help.helpKeys', does: 'keyboard.help.help' },
] as const;

/**
 * The canvas's keyboard scheme, in a dialog opened with ? or the canvas's ? button: everything
 * the mouse does on the canvas has a key (the outline panel is the other way to read and edit).
 */
export function KeyboardHelp({ open, onClose, readOnly }: { open: boolean; onClose: () => void; readOnly: boolean }) {
  const { t } = useTranslation('canvas');
  return (
    <ModalDialog open={open} onClose={onClose} className="keyboard-help" title={t('keyboard.help.title')}>
      <div className="modal__body">
        <p className="keyboard-help__intro">{t('keyboard.help.intro')}</p>
        <table className="keyboard-help__table">
          <thead>
            <tr>
              <th scope="col">{t('keyboard.help.keysHeader')}</th>
              <th scope="col">{t('keyboard.help.actionHeader')}</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.filter((row) => !readOnly || !('edits' in row)).map((row) => (
              <tr key={row.does}>
                <td>
                  <kbd>{t(row.keys)}</kbd>
                </td>
                <td>{t(row.does)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ModalDialog>
  );
}
