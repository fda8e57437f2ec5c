import { useEffect, useRef, useState, type ReactNode } from "react";
import { useT } from "../../i18n/react";

/**
 * A wide table's own scrolling box: focusable so that a keyboard can scroll it,
 * a named region so that a screen reader says what it holds, shadows on the
 * edges that have more to show (CSS), and a hint once it is found to overflow.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => setOverflows(box.scrollWidth > box.clientWidth + 1);
    measure();
    // A closed <details> measures 0 wide: measure again when the table is shown or the page resized.
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  return (
    <div className="table-scroll-wrap">
      {overflows ? (
        <p className="table-scroll__hint" aria-hidden="true">
          {t("table.scrollHint")}
        </p>
      ) : null}
      {/* A focusable scroll container is how keyboard users scroll it (axe: scrollable-region-focusable). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- scrolling by keyboard needs focus */}
      <div ref={ref} className="table-scroll" role="region" aria-label={label} tabIndex={0}>
        {children}
      </div>
    </div>
  );
}
