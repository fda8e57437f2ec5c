import { cx } from "./class-names";
import { ModalFrame, type DialogProps } from "./dialog";

type SheetProps = DialogProps & {
  /** The edge it slides in from. At phone width every sheet comes up from the bottom. */
  side?: "right" | "left";
};

/**
 * A dialog that slides in from an edge and leaves the page visible beside it: a side panel on
 * wide screens, a bottom sheet at phone width. Same keyboard rules as Dialog.
 */
export function Sheet({ side = "right", className, ...props }: SheetProps) {
  return (
    <ModalFrame
      {...props}
      className={cx("modal sheet", `sheet--${side}`, className)}
      overlayClassName="modal-overlay"
    />
  );
}
