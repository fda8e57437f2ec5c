import * as DialogPrimitive from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { useEffect, useRef, type ReactElement, type ReactNode } from "react";
import { useT } from "../../i18n/react";
import { cx } from "./class-names";

export type DialogProps = {
  /** The dialog's heading, which is also its accessible name. */
  title: ReactNode;
  /** A sentence under the title, read out when the dialog opens. */
  description?: ReactNode;
  children: ReactNode;
  /** The element that opens it (focus returns there on close); omit when opened by state. */
  trigger?: ReactElement;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Where focus goes on open (the default is the first field or button; links are skipped). */
  onOpenAutoFocus?: (event: Event) => void;
  /** Where focus goes on close (the default is the trigger). */
  onCloseAutoFocus?: (event: Event) => void;
  className?: string;
};

/** The frame shared by Dialog and Sheet: overlay, focus trap, Escape, a close button, title. */
export function ModalFrame({
  title,
  description,
  children,
  trigger,
  open,
  onOpenChange,
  onOpenAutoFocus,
  onCloseAutoFocus,
  className,
  overlayClassName,
}: DialogProps & { overlayClassName: string }) {
  const t = useT();
  const state = open === undefined ? {} : { open };
  return (
    <DialogPrimitive.Root {...state} {...(onOpenChange ? { onOpenChange } : {})}>
      {trigger ? <DialogPrimitive.Trigger asChild>{trigger}</DialogPrimitive.Trigger> : null}
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className={overlayClassName} />
        <DialogPrimitive.Content
          className={className}
          // Without a description, say so (Radix otherwise warns about a missing one).
          {...(description ? {} : { "aria-describedby": undefined })}
          {...(onOpenAutoFocus ? { onOpenAutoFocus } : {})}
          {...(onCloseAutoFocus ? { onCloseAutoFocus } : {})}
        >
          <InertOutside />
          <DialogPrimitive.Title className="modal__title">{title}</DialogPrimitive.Title>
          {description ? (
            <DialogPrimitive.Description className="modal__description">{description}</DialogPrimitive.Description>
          ) : null}
          <div className="modal__body">{children}</div>
          {/* Last in the DOM (drawn in the corner) so opening focuses the dialog's first field, not Close. */}
          <DialogPrimitive.Close className="button button--quiet icon-button modal__close" aria-label={t("ui.close")}>
            <X aria-hidden="true" size={18} />
          </DialogPrimitive.Close>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}

/**
 * Makes everything outside the open dialog inert. Radix hides it from assistive technology
 * (aria-hidden) and traps focus, but the links behind stay focusable in principle, which
 * axe reports (aria-hidden-focus) and some screen readers' virtual cursors still reach.
 */
function InertOutside() {
  const marker = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const own = marker.current?.closest("body > *");
    const others = [...document.body.children].filter(
      (el) =>
        el !== own &&
        el.tagName !== "SCRIPT" &&
        // The overlay stays clickable: a click on it closes the dialog.
        !el.classList.contains("modal-overlay") &&
        !el.hasAttribute("data-radix-focus-guard") &&
        !el.hasAttribute("inert"),
    );
    for (const el of others) el.setAttribute("inert", "");
    return () => {
      for (const el of others) el.removeAttribute("inert");
    };
  }, []);
  return <span ref={marker} hidden />;
}

/**
 * A modal dialog: keeps focus inside while open, closes with Escape or its close button, and
 * returns focus to what opened it. Use for a short task that needs an answer now.
 */
export function Dialog({ className, ...props }: DialogProps) {
  return <ModalFrame {...props} className={cx("modal dialog", className)} overlayClassName="modal-overlay" />;
}

/** A button inside a dialog or sheet that closes it (Cancel, Done). */
export const DialogClose = DialogPrimitive.Close;
