import * as PopoverPrimitive from "@radix-ui/react-popover";
import type { ReactElement, ReactNode } from "react";
import { cx } from "./class-names";

type PopoverProps = {
  /** The button that opens it; it gets aria-expanded and aria-controls. */
  trigger: ReactElement;
  /** The popover's accessible name (it is a non-modal dialog). */
  label: string;
  children: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  side?: "top" | "right" | "bottom" | "left";
  align?: "start" | "center" | "end";
  className?: string;
};

/**
 * A small non-modal panel anchored to its trigger (a comment thread, a filter): focus moves in
 * when it opens, Escape or a click outside closes it, and focus returns to the trigger.
 */
export function Popover({
  trigger,
  label,
  children,
  open,
  onOpenChange,
  side = "bottom",
  align = "start",
  className,
}: PopoverProps) {
  return (
    <PopoverPrimitive.Root {...(open === undefined ? {} : { open })} {...(onOpenChange ? { onOpenChange } : {})}>
      <PopoverPrimitive.Trigger asChild>{trigger}</PopoverPrimitive.Trigger>
      <PopoverPrimitive.Portal>
        <PopoverPrimitive.Content
          className={cx("popover", className)}
          aria-label={label}
          side={side}
          align={align}
          sideOffset={6}
          collisionPadding={8}
        >
          {children}
          <PopoverPrimitive.Arrow className="popover__arrow" width={12} height={6} />
        </PopoverPrimitive.Content>
      </PopoverPrimitive.Portal>
    </PopoverPrimitive.Root>
  );
}

/** A button inside a popover that closes it. */
export const PopoverClose = PopoverPrimitive.Close;
