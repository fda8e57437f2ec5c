import * as Menu from "@radix-ui/react-dropdown-menu";
import type { LucideIcon } from "lucide-react";
import type { ReactElement, ReactNode } from "react";
import { cx } from "./class-names";

type DropdownMenuProps = {
  /** The button that opens the menu (arrow keys, Enter and Space open it too). */
  trigger: ReactElement;
  /** The menu's accessible name. */
  label: string;
  children: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  align?: "start" | "center" | "end";
};

/**
 * A menu of actions behind a button: arrow keys move, typing a letter jumps, Enter chooses,
 * Escape closes and returns focus to the button. For actions; navigation links belong in a nav.
 */
export function DropdownMenu({ trigger, label, children, open, onOpenChange, align = "end" }: DropdownMenuProps) {
  return (
    // Not modal: Radix's modal menu hides the page with aria-hidden while leaving it focusable
    // (axe: aria-hidden-focus); focus is in the menu either way, and a click outside closes it.
    <Menu.Root modal={false} {...(open === undefined ? {} : { open })} {...(onOpenChange ? { onOpenChange } : {})}>
      <Menu.Trigger asChild>{trigger}</Menu.Trigger>
      <Menu.Portal>
        <Menu.Content className="menu" aria-label={label} align={align} sideOffset={6} collisionPadding={8}>
          {children}
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}

type ItemProps = {
  children: ReactNode;
  icon?: LucideIcon;
  onSelect?: (event: Event) => void;
  disabled?: boolean;
  tone?: "danger";
};

/** One action in a DropdownMenu. */
export function DropdownMenuItem({ children, icon: Icon, onSelect, disabled, tone }: ItemProps) {
  return (
    <Menu.Item
      className={cx("menu__item", tone && `menu__item--${tone}`)}
      {...(onSelect ? { onSelect } : {})}
      {...(disabled ? { disabled } : {})}
    >
      {Icon ? <Icon aria-hidden="true" size={16} /> : null}
      {children}
    </Menu.Item>
  );
}

export function DropdownMenuSeparator() {
  return <Menu.Separator className="menu__separator" />;
}
