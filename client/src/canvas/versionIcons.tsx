/** The line icons of the version views (replay, compare), drawn like app/icons.tsx. */
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

/** A clock face with an arrow going back round it. */
export const ReplayIcon = (props: IconProps) => (
  <Icon {...props} d="M3.5 12a8.5 8.5 0 1 0 2.5-6M3.5 3.5V8H8M12 7.5V12l3 2" />
);
export const PlayIcon = (props: IconProps) => <Icon {...props} d="M7 4.5v15l12-7.5Z" />;
export const PauseIcon = (props: IconProps) => <Icon {...props} d="M8 5v14M16 5v14" />;
export const StepBackIcon = (props: IconProps) => <Icon {...props} d="M6 5v14M18 5l-9 7 9 7Z" />;
export const StepForwardIcon = (props: IconProps) => <Icon {...props} d="M18 5v14M6 5l9 7-9 7Z" />;
export const CloseIcon = (props: IconProps) => <Icon {...props} d="M6 6l12 12M18 6 6 18" />;
