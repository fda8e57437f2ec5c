import { cx } from "./class-names";
import { initials } from "./initials";

type AvatarProps = {
  name: string;
  /** The member's presence colour (dark enough for white initials; see domain/presence-colors). */
  color: string;
  size?: "small" | "medium";
  /**
   * Hide it from assistive technology when the name is written beside it, so the name
   * is not read twice. Otherwise the avatar is an image named by the person's name.
   */
  decorative?: boolean;
};

/** A round badge with a person's initials in their colour. */
export function Avatar({ name, color, size = "medium", decorative = false }: AvatarProps) {
  return (
    <span
      className={cx("avatar", `avatar--${size}`)}
      style={{ backgroundColor: color }}
      {...(decorative ? { "aria-hidden": true } : { role: "img", "aria-label": name })}
    >
      {initials(name)}
    </span>
  );
}
