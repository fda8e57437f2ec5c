import { useEffect, useRef, type ReactNode } from "react";

/**
 * A FormMessage (same look and role) for the answer to removing something from a list: the
 * removed row took the focused button with it, and keyboard focus would fall back to the top of
 * the page, so this message takes it instead. Kept apart from FormMessage so pages without
 * removals (the public vote page) do not ship it.
 */
export function RemovalMessage({ kind = "error", children }: { kind?: "error" | "success"; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  // The row goes a render or two after the message comes (the page's data is reloaded): watch
  // for the lost focus for a moment after each new message, then leave focus alone.
  const armedAt = useRef<number | null>(null);
  useEffect(() => {
    armedAt.current = Date.now();
  }, [children]);
  useEffect(() => {
    if (armedAt.current === null || Date.now() - armedAt.current > 10_000) return;
    const active = document.activeElement;
    if (active === null || active === document.body) {
      ref.current?.focus();
      armedAt.current = null;
    }
  });
  if (!children) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className={`form-message form-message--${kind}`}
      role={kind === "error" ? "alert" : "status"}
    >
      {children}
    </div>
  );
}
