import * as ToastPrimitive from "@radix-ui/react-toast";
import { X } from "lucide-react";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { useT } from "../../i18n/react";
import { cx } from "./class-names";

export type ToastMessage = { title: string; description?: string; kind?: "info" | "success" | "error" };
type Shown = ToastMessage & { id: number };

const ToastContext = createContext<((message: ToastMessage) => void) | null>(null);

/**
 * Where toasts appear (a labelled region, F8 jumps to it) and the state behind `useToast`.
 * Wrap the part of the app that shows toasts; a toast is announced politely (an error
 * assertively) and stays while hovered or focused.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const t = useT();
  const [toasts, setToasts] = useState<Shown[]>([]);
  const show = useCallback((message: ToastMessage) => {
    setToasts((list) => [...list, { ...message, id: Date.now() + Math.random() }]);
  }, []);
  const remove = (id: number) => setToasts((list) => list.filter((toast) => toast.id !== id));
  return (
    <ToastContext.Provider value={show}>
      <ToastPrimitive.Provider label={t("ui.notification")} duration={6000}>
        {children}
        {toasts.map((toast) => (
          <ToastPrimitive.Root
            key={toast.id}
            className={cx("toast", `toast--${toast.kind ?? "info"}`)}
            type={toast.kind === "error" ? "foreground" : "background"}
            onOpenChange={(open) => {
              if (!open) remove(toast.id);
            }}
          >
            <ToastPrimitive.Title className="toast__title">{toast.title}</ToastPrimitive.Title>
            {toast.description ? (
              <ToastPrimitive.Description className="toast__description">
                {toast.description}
              </ToastPrimitive.Description>
            ) : null}
            <ToastPrimitive.Close className="button button--quiet icon-button toast__close" aria-label={t("ui.close")}>
              <X aria-hidden="true" size={16} />
            </ToastPrimitive.Close>
          </ToastPrimitive.Root>
        ))}
        <ToastPrimitive.Viewport className="toast-viewport" label={t("ui.notifications")} />
      </ToastPrimitive.Provider>
    </ToastContext.Provider>
  );
}

/** Shows a short message that goes by itself (saved, copied, sent). Needs a ToastProvider above. */
export function useToast(): (message: ToastMessage) => void {
  const show = useContext(ToastContext);
  if (!show) throw new Error("useToast needs a ToastProvider above it");
  return useMemo(() => show, [show]);
}
