import * as TabsPrimitive from "@radix-ui/react-tabs";
import type { ReactNode } from "react";

type TabsProps = {
  /** The tab list's accessible name. */
  label: string;
  tabs: { value: string; label: ReactNode; content: ReactNode }[];
  defaultValue?: string;
  value?: string;
  onValueChange?: (value: string) => void;
};

/**
 * Panels behind a row of tabs: one tab stop, arrow keys move between tabs (and show the
 * panel), Tab goes on into the panel. For views of one thing, not for site navigation.
 */
export function Tabs({ label, tabs, defaultValue, value, onValueChange }: TabsProps) {
  return (
    <TabsPrimitive.Root
      className="tabs"
      defaultValue={defaultValue ?? tabs[0]?.value}
      {...(value === undefined ? {} : { value })}
      {...(onValueChange ? { onValueChange } : {})}
    >
      <TabsPrimitive.List className="tabs__list" aria-label={label}>
        {tabs.map((tab) => (
          <TabsPrimitive.Trigger key={tab.value} value={tab.value} className="tabs__tab">
            {tab.label}
          </TabsPrimitive.Trigger>
        ))}
      </TabsPrimitive.List>
      {tabs.map((tab) => (
        <TabsPrimitive.Content key={tab.value} value={tab.value} className="tabs__panel">
          {tab.content}
        </TabsPrimitive.Content>
      ))}
    </TabsPrimitive.Root>
  );
}
