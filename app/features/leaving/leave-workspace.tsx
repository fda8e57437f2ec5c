import { Form } from "@remix-run/react";
import { useRef, useState } from "react";
import { Button } from "../../components/ui/button";
import { Dialog, DialogClose } from "../../components/ui/dialog";
import { useT } from "../../i18n/react";

/**
 * "Leave this workspace", confirmed in a dialog. The button submits the form by itself
 * before the page's JavaScript has loaded (and without it), as it always has; once
 * hydrated it asks first. The last owner is told why they cannot leave instead.
 */
export function LeaveWorkspace({ workspace, lastOwner }: { workspace: string; lastOwner: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <Form method="post">
        <input type="hidden" name="intent" value="leave" />
        <button
          ref={button}
          type="submit"
          className="button button--quiet"
          onClick={(e) => {
            e.preventDefault();
            setOpen(true);
          }}
        >
          {t("members.leave")}
        </button>
      </Form>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        // Opened by state, not by a Radix trigger: focus goes back to the button by hand.
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          button.current?.focus();
        }}
        title={lastOwner ? t("leave.lastOwnerTitle") : t("leave.title", { workspace })}
        description={lastOwner ? t("leave.lastOwner") : t("leave.description")}
      >
        <Form method="post" className="actions" onSubmit={() => setOpen(false)}>
          <input type="hidden" name="intent" value="leave" />
          {lastOwner ? null : (
            <Button type="submit" variant="danger">
              {t("leave.confirm")}
            </Button>
          )}
          <DialogClose asChild>
            <Button variant={lastOwner ? "primary" : "quiet"}>{lastOwner ? t("ui.close") : t("ui.cancel")}</Button>
          </DialogClose>
        </Form>
      </Dialog>
    </>
  );
}

/** Whether `me` is the only owner among `members` (the page's list holds every member). */
export function isLastOwner(members: { userId: string; role: string }[], me: string): boolean {
  const owners = members.filter((m) => m.role === "owner");
  return owners.length === 1 && owners[0]!.userId === me;
}
