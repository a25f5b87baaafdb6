/** The few line icons the app uses (24px grid, drawn with currentColor). */
interface IconProps {
  size?: number;
}

function Icon({ size = 18, d }: IconProps & { d: string }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={d} />
    </svg>
  );
}

export const UndoIcon = (props: IconProps) => <Icon {...props} d="M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />;
export const RedoIcon = (props: IconProps) => <Icon {...props} d="m15 14 5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />;
export const FitIcon = (props: IconProps) => (
  <Icon {...props} d="M4 9V5a1 1 0 0 1 1-1h4M15 4h4a1 1 0 0 1 1 1v4M20 15v4a1 1 0 0 1-1 1h-4M9 20H5a1 1 0 0 1-1-1v-4" />
);
export const MinimapIcon = (props: IconProps) => <Icon {...props} d="M3.5 5.5h17v13h-17ZM12.5 12h5v4h-5Z" />;
export const OutlineIcon = (props: IconProps) => (
  <Icon {...props} d="M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01" />
);
export const DownloadIcon = (props: IconProps) => <Icon {...props} d="M12 4v11m0 0-4.5-4.5M12 15l4.5-4.5M5 19.5h14" />;
export const UploadIcon = (props: IconProps) => <Icon {...props} d="M12 15.5v-11m0 0L7.5 9M12 4.5 16.5 9M5 19.5h14" />;
export const BackIcon = (props: IconProps) => <Icon {...props} d="M15 18l-6-6 6-6" />;
export const ShareIcon = (props: IconProps) => (
  <Icon {...props} d="M16 8a3 3 0 1 0-2.8-4M8 12a3 3 0 1 1-6 0 3 3 0 0 1 6 0Zm0 0 8-4m-8 4 8 4m0 0a3 3 0 1 0 .2-1" />
);
export const EyeIcon = (props: IconProps) => (
  <Icon
    {...props}
    d="M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12ZM12 14.8a2.8 2.8 0 1 0 0-5.6 2.8 2.8 0 0 0 0 5.6Z"
  />
);
export const EyeOffIcon = (props: IconProps) => (
  <Icon
    {...props}
    d="M3 3l18 18M10.6 5.6A9.7 9.7 0 0 1 12 5.5c6 0 9.5 6.5 9.5 6.5a16 16 0 0 1-2.9 3.7M6.4 6.6C3.9 8.3 2.5 12 2.5 12S6 18.5 12 18.5c1.6 0 3-.4 4.2-1.1M9.9 10a2.8 2.8 0 0 0 4 4"
  />
);
export const CopyIcon = (props: IconProps) => (
  <Icon
    {...props}
    d="M9 9.5A1.5 1.5 0 0 1 10.5 8h8A1.5 1.5 0 0 1 20 9.5v9a1.5 1.5 0 0 1-1.5 1.5h-8A1.5 1.5 0 0 1 9 18.5v-9ZM15 8V5.5A1.5 1.5 0 0 0 13.5 4h-8A1.5 1.5 0 0 0 4 5.5v9A1.5 1.5 0 0 0 5.5 16H9"
  />
);
export const CheckIcon = (props: IconProps) => <Icon {...props} d="m5 12.5 4.5 4.5L19 7.5" />;
export const SignOutIcon = (props: IconProps) => (
  <Icon {...props} d="M14 4h4.5A1.5 1.5 0 0 1 20 5.5v13a1.5 1.5 0 0 1-1.5 1.5H14M10 16l-4-4 4-4M6 12h10" />
);
export const SettingsIcon = (props: IconProps) => (
  <Icon
    {...props}
    d="M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm7.4-3a7.4 7.4 0 0 0-.1-1.2l2-1.6-2-3.4-2.4.9a7.5 7.5 0 0 0-2-1.2L14.5 3h-4l-.4 2.5a7.5 7.5 0 0 0-2 1.2l-2.4-.9-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.4l-2 1.6 2 3.4 2.4-.9a7.5 7.5 0 0 0 2 1.2l.4 2.5h4l.4-2.5a7.5 7.5 0 0 0 2-1.2l2.4.9 2-3.4-2-1.6c.1-.4.1-.8.1-1.2Z"
  />
);
export const MapsIcon = (props: IconProps) => (
  <Icon {...props} d="M4 5.5 9 4l6 2 5-1.5v14L15 20l-6-2-5 1.5v-14ZM9 4v14M15 6v14" />
);
export const LinkIcon = (props: IconProps) => (
  <Icon
    {...props}
    d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"
  />
);
export const InfoIcon = (props: IconProps) => (
  <Icon {...props} d="M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm0-5v-4.5M12 8h.01" />
);
export const LockIcon = (props: IconProps) => (
  <Icon
    {...props}
    d="M6.5 10.5h11a1.5 1.5 0 0 1 1.5 1.5v7a1.5 1.5 0 0 1-1.5 1.5h-11A1.5 1.5 0 0 1 5 19v-7a1.5 1.5 0 0 1 1.5-1.5Zm2-.5V7.5a3.5 3.5 0 0 1 7 0V10"
  />
);
export const CommentIcon = (props: IconProps) => (
  <Icon
    {...props}
    d="M5 5.5h14a1.5 1.5 0 0 1 1.5 1.5v8.5a1.5 1.5 0 0 1-1.5 1.5h-8l-4.5 3.5V17H5a1.5 1.5 0 0 1-1.5-1.5V7A1.5 1.5 0 0 1 5 5.5Z"
  />
);
export const LayoutIcon = (props: IconProps) => (
  <Icon {...props} d="M9 3.5h6v4H9zM3.5 16.5h6v4h-6zM14.5 16.5h6v4h-6zM12 7.5v4.5M6.5 16.5V12h11v4.5" />
);
export const PathwayIcon = (props: IconProps) => (
  <Icon {...props} d="M5 20a2 2 0 1 0 0-4 2 2 0 0 0 0 4ZM19 8a2 2 0 1 0 0-4 2 2 0 0 0 0 4ZM6.5 16.5 10 13h4l3.5-5.5" />
);
export const LanesIcon = (props: IconProps) => <Icon {...props} d="M3 4h18M3 10h18M3 16h18M3 21h18" />;
export const CeilingIcon = (props: IconProps) => (
  <Icon {...props} d="M3 8h2.5M8 8h2.5M13 8h2.5M18 8h3M12 20v-8m0 0-3 3m3-3 3 3" />
);
export const HealthIcon = (props: IconProps) => <Icon {...props} d="M3 12h4l2-5 4 10 2-5h6" />;
/** A clock with a back arrow: the map's history. */
export const HistoryIcon = (props: IconProps) => (
  <Icon {...props} d="M3.5 12a8.5 8.5 0 1 0 2.5-6M3.5 4v4h4M12 7.5V12l3 2" />
);
/** A loop: course-correction reviews. */
export const ReviewIcon = (props: IconProps) => (
  <Icon {...props} d="M20 12a8 8 0 0 1-13.7 5.6M4 12a8 8 0 0 1 13.7-5.6M17.7 3v3.6h-3.6M6.3 21v-3.6h3.6" />
);
export const ChecksIcon = (props: IconProps) => (
  <Icon {...props} d="M9 11.5 11.5 14 16 9M12 3.5l7.5 3v5.5c0 4.5-3.2 7.6-7.5 8.5-4.3-.9-7.5-4-7.5-8.5V6.5Z" />
);

/** A bin (delete), on the 16px grid of the small row buttons. */
export function TrashIcon({ size = 16 }: IconProps) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M6 2h4M2.5 4h11M4 4l.7 9.1a1 1 0 0 0 1 .9h4.6a1 1 0 0 0 1-.9L12 4M6.5 7v4.5M9.5 7v4.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
/** A clock face with an arrow going back round it. */
export const ReplayIcon = (props: IconProps) => (
  <Icon {...props} d="M3.5 12a8.5 8.5 0 1 0 2.5-6M3.5 3.5V8H8M12 7.5V12l3 2" />
);
export const PlayIcon = (props: IconProps) => <Icon {...props} d="M7 4.5v15l12-7.5Z" />;
export const PauseIcon = (props: IconProps) => <Icon {...props} d="M8 5v14M16 5v14" />;
export const StepBackIcon = (props: IconProps) => <Icon {...props} d="M6 5v14M18 5l-9 7 9 7Z" />;
export const StepForwardIcon = (props: IconProps) => <Icon {...props} d="M18 5v14M6 5l9 7-9 7Z" />;
export const CloseIcon = (props: IconProps) => <Icon {...props} d="M6 6l12 12M18 6 6 18" />;
/** A screen on a stand: presenting the map. */
export const PresentIcon = (props: IconProps) => (
  <Icon {...props} d="M3.5 4.5h17M4.5 4.5v10h15v-10M12 14.5V18m-4 3 4-3 4 3M10 8l4 2-4 2Z" />
);
export const FullscreenIcon = (props: IconProps) => <Icon {...props} d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />;
export const PreviousIcon = (props: IconProps) => <Icon {...props} d="M15 18l-6-6 6-6" />;
export const NextIcon = (props: IconProps) => <Icon {...props} d="M9 18l6-6-6-6" />;
