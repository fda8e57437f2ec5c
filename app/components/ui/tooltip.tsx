import * as TooltipPrimitive from "@radix-ui/react-tooltip";
import { createContext, useContext, type ReactElement, type ReactNode } from "react";

const InGroup = createContext(false);

type TooltipProps = {
  /** What the tooltip says; also read as the trigger's description while shown. */
  content: ReactNode;
  /** The one focusable element it describes (a button, a link). */
  children: ReactElement;
  side?: "top" | "right" | "bottom" | "left";
  /** Controlled open state, for documentation and tests. */
  open?: boolean;
};

/**
 * A short hint on hover and keyboard focus, dismissed with Escape. Never the only place a
 * control's name lives: the trigger has its own accessible name.
 */
export function Tooltip({ content, children, side = "top", open }: TooltipProps) {
  const tooltip = (
    <TooltipPrimitive.Root {...(open === undefined ? {} : { open })}>
      <TooltipPrimitive.Trigger asChild>{children}</TooltipPrimitive.Trigger>
      <TooltipPrimitive.Portal>
        <TooltipPrimitive.Content className="tooltip" side={side} sideOffset={6} collisionPadding={8}>
          {content}
          <TooltipPrimitive.Arrow className="tooltip__arrow" width={10} height={5} />
        </TooltipPrimitive.Content>
      </TooltipPrimitive.Portal>
    </TooltipPrimitive.Root>
  );
  // Alone, a tooltip brings its own provider; inside a TooltipGroup it shares the group's.
  return useContext(InGroup) ? tooltip : <TooltipGroup>{tooltip}</TooltipGroup>;
}

/** Tooltips inside share one delay: moving from one control to the next shows the next at once. */
export function TooltipGroup({ children }: { children: ReactNode }) {
  return (
    <TooltipPrimitive.Provider delayDuration={400} skipDelayDuration={300}>
      <InGroup.Provider value={true}>{children}</InGroup.Provider>
    </TooltipPrimitive.Provider>
  );
}
