import type { LucideIcon } from "lucide-react";
import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from "react";
import { cx } from "./class-names";
import { Tooltip } from "./tooltip";

export type ButtonVariant = "primary" | "secondary" | "quiet" | "danger";

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant;
  /** An icon before the label; decorative, the label names the button. */
  icon?: LucideIcon;
  children: ReactNode;
};

/** The app's button: a visible label, optionally an icon before it. */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = "primary", icon: Icon, className, children, type = "button", ...rest },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      className={cx("button", variant !== "primary" && `button--${variant}`, Icon && "button--with-icon", className)}
      {...rest}
    >
      {Icon ? <Icon aria-hidden="true" size={18} strokeWidth={2} /> : null}
      {children}
    </button>
  );
});

type IconButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "children"> & {
  icon: LucideIcon;
  /** The button's accessible name; shown in a tooltip unless `showLabel`. */
  label: string;
  /** A keyboard shortcut shown after the label in the tooltip (not part of the name). */
  shortcut?: string;
  /** Show the label beside the icon instead of in a tooltip. */
  showLabel?: boolean;
  variant?: ButtonVariant;
};

/**
 * A button that is mostly its icon. Its name is always `label`: beside the icon, or, for an
 * icon alone, as the accessible name with the label (and shortcut) in a tooltip on hover and focus.
 */
export const IconButton = forwardRef<HTMLButtonElement, IconButtonProps>(function IconButton(
  { icon: Icon, label, shortcut, showLabel = false, variant = "quiet", className, type = "button", ...rest },
  ref,
) {
  const button = (
    <button
      ref={ref}
      type={type}
      className={cx("button", `button--${variant}`, "icon-button", showLabel && "icon-button--labelled", className)}
      aria-label={showLabel ? undefined : label}
      {...rest}
    >
      <Icon aria-hidden="true" size={18} strokeWidth={2} />
      {showLabel ? <span>{label}</span> : null}
    </button>
  );
  if (showLabel && !shortcut) return button;
  return <Tooltip content={<TooltipLabel label={label} shortcut={shortcut} />}>{button}</Tooltip>;
});

/** A tooltip's text: the label, and the shortcut in a <kbd>. */
export function TooltipLabel({ label, shortcut }: { label: string; shortcut?: string | undefined }) {
  return (
    <>
      {label}
      {shortcut ? (
        <>
          {" "}
          <kbd className="shortcut">{shortcut}</kbd>
        </>
      ) : null}
    </>
  );
}
