import { useId } from 'react';
import { usePopover } from '../../app/usePopover.ts';
import { DownloadIcon } from '../../app/icons.tsx';
import { DownloadStatus } from './DownloadStatus.tsx';
import { useDownload } from './useDownload.ts';
import './exportDialog.css';

export interface DownloadChoice {
  /** "Word document (.docx)". */
  label: string;
  url: string;
  /** The file's name when the server gives none. */
  fallbackName: string;
}

export interface DownloadMenuProps {
  /** The button's words: "Download change report". */
  label: string;
  choices: readonly DownloadChoice[];
  /** The edge the list opens along: `end` for a button near the right of its panel. */
  align?: 'start' | 'end';
  /** A small button, beside the small buttons of a side panel. */
  small?: boolean;
}

/**
 * A button that opens a short list of files to download (a change report or a review as Word or
 * Markdown), then shows the chosen one's progress with a Cancel. A disclosure, like the account
 * menu: Escape, a click elsewhere or focus leaving closes it.
 */
export function DownloadMenu({ label, choices, align = 'start', small = false }: DownloadMenuProps) {
  const { open, setOpen, root, button } = usePopover();
  const download = useDownload();
  const panelId = useId();

  const choose = (choice: DownloadChoice): void => {
    setOpen(false);
    button.current?.focus();
    download.start(choice.url, choice.fallbackName);
  };

  return (
    <div
      ref={root}
      className={`download-menu download-menu--${align}`}
      onBlur={(event) => {
        if (!root.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className={`button download-menu__button${small ? ' button--small' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          download.reset();
          setOpen(!open);
        }}
      >
        <DownloadIcon size={16} />
        {label}
      </button>
      <div id={panelId} className="download-menu__panel" hidden={!open}>
        <ul className="download-menu__list" aria-label={label}>
          {choices.map((choice) => (
            <li key={choice.url}>
              <button type="button" className="download-menu__item" onClick={() => choose(choice)}>
                {choice.label}
              </button>
            </li>
          ))}
        </ul>
      </div>
      <DownloadStatus state={download.state} onCancel={download.cancel} />
    </div>
  );
}
