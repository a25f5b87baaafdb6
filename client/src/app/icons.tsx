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
export const OutlineIcon = (props: IconProps) => (
  <Icon {...props} d="M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01" />
);
export const DownloadIcon = (props: IconProps) => <Icon {...props} d="M12 4v11m0 0-4.5-4.5M12 15l4.5-4.5M5 19.5h14" />;
export const BackIcon = (props: IconProps) => <Icon {...props} d="M15 18l-6-6 6-6" />;
