import { json, type MetaFunction } from "@remix-run/node";
import { Bold, Copy, Filter, MessageSquare, MoreHorizontal, PanelRight, Pencil, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { Avatar } from "../components/ui/avatar";
import { Button, IconButton } from "../components/ui/button";
import { Dialog, DialogClose } from "../components/ui/dialog";
import { DropdownMenu, DropdownMenuItem, DropdownMenuSeparator } from "../components/ui/dropdown-menu";
import { Field } from "../components/ui/field";
import { Popover, PopoverClose } from "../components/ui/popover";
import { Sheet } from "../components/ui/sheet";
import { Tabs } from "../components/ui/tabs";
import { ToastProvider, useToast } from "../components/ui/toast";
import { Tooltip } from "../components/ui/tooltip";
import { PRESENCE_COLORS } from "../domain/presence-colors";
import { devUiEnabled } from "../utils/dev-ui.server";
import { notFound } from "../utils/guards.server";

// A page for the people who build the app (404 unless enabled), so its prose is in English only;
// the components' own words (Close, Notifications) come from the messages like everywhere else.

export async function loader() {
  if (!devUiEnabled()) throw notFound();
  return json({});
}

export const meta: MetaFunction = () => [
  { title: "Interface kit · Equity Workspaces" },
  { name: "robots", content: "noindex" },
];

const colorTokens = [
  "--ink",
  "--muted",
  "--line",
  "--line-strong",
  "--surface",
  "--canvas",
  "--brand",
  "--brand-dark",
  "--brand-tint",
  "--danger",
  "--success-bg",
  "--success-ink",
  "--error-bg",
  "--error-ink",
  "--warning-bg",
  "--focus",
];
const typeScale = ["--text-xs", "--text-sm", "--text-md", "--text-lg", "--text-xl", "--text-2xl"];
const spaces = ["--space-1", "--space-2", "--space-3", "--space-4", "--space-5", "--space-6", "--space-8"];
const people = [
  "Elena Márquez",
  "Marcus Webb",
  "Rosa García",
  "Dana Okafor",
  "Ángel Núñez",
  "Priya Raman",
  "Tom Lee",
  "Sofía Ortiz",
  "Kwame Mensah",
  "Lin Chen",
];

export default function DevUi() {
  return (
    <div className="page dev-ui">
      <h1>Interface kit</h1>
      <p className="lead">
        Every component in <code>app/components/ui</code>, in its states. Built on Radix primitives and lucide icons;
        styled only with the design tokens at the top of <code>app/styles/app.css</code>.
      </p>
      <Tokens />
      <Buttons />
      <Tooltips />
      <Dialogs />
      <Popovers />
      <Menus />
      <TabsExample />
      <ToastProvider>
        <Toasts />
      </ToastProvider>
      <Avatars />
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="dev-ui__section card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Tokens() {
  return (
    <Section id="tokens" title="Design tokens">
      <h3>Colour</h3>
      <ul className="dev-ui__swatches">
        {colorTokens.map((token) => (
          <li key={token} className="dev-ui__swatch">
            <span style={{ background: `var(${token})` }} />
            <code>{token}</code>
          </li>
        ))}
      </ul>
      <h3>Type scale</h3>
      {typeScale.map((token) => (
        <p key={token} style={{ fontSize: `var(${token})`, margin: "0.25rem 0" }}>
          <code>{token}</code> Plan resource equity together
        </p>
      ))}
      <h3>Spacing, radius, shadow, focus</h3>
      <div className="dev-ui__row">
        {spaces.map((token) => (
          <span
            key={token}
            title={token}
            style={{ display: "inline-block", width: `var(${token})`, height: "1rem", background: "var(--brand)" }}
          />
        ))}
      </div>
      <div className="dev-ui__row">
        {["--shadow-sm", "--shadow-md", "--shadow-lg"].map((token) => (
          <span
            key={token}
            className="card"
            style={{ boxShadow: `var(${token})`, borderRadius: "var(--radius)", margin: 0 }}
          >
            <code>{token}</code>
          </span>
        ))}
        <span
          className="card"
          style={{ outline: "var(--focus-ring)", outlineOffset: "var(--focus-offset)", margin: 0 }}
        >
          <code>--focus-ring</code>
        </span>
      </div>
    </Section>
  );
}

function Buttons() {
  return (
    <Section id="buttons" title="Button and IconButton">
      <p>
        A visible label always; an icon helps, never replaces it, except in IconButton, which then shows its label in a
        tooltip.
      </p>
      <div className="dev-ui__row">
        <Button>Primary</Button>
        <Button variant="secondary">Secondary</Button>
        <Button variant="quiet">Quiet</Button>
        <Button variant="danger" icon={Trash2}>
          Delete
        </Button>
        <Button icon={Plus}>With an icon</Button>
        <Button disabled>Disabled</Button>
      </div>
      <div className="dev-ui__row">
        <IconButton icon={Pencil} label="Edit" />
        <IconButton icon={Bold} label="Bold" shortcut="Ctrl+B" aria-pressed={true} />
        <IconButton icon={Copy} label="Copy link" showLabel variant="secondary" />
        <IconButton icon={Trash2} label="Remove" disabled />
      </div>
    </Section>
  );
}

function Tooltips() {
  return (
    <Section id="tooltips" title="Tooltip">
      <p>Shown on hover and on keyboard focus, hidden with Escape. It describes a control that already has a name.</p>
      <div className="dev-ui__row">
        <Tooltip content="Saved versions of this plan">
          <Button variant="secondary">Hover or focus me</Button>
        </Tooltip>
      </div>
    </Section>
  );
}

function Dialogs() {
  const [name, setName] = useState("Cabinet draft");
  return (
    <Section id="dialogs" title="Dialog and Sheet">
      <p>
        Modal: focus moves in, stays in, Escape closes and focus goes back to the button. A sheet is the same, sliding
        in from the side (from the bottom on a phone).
      </p>
      <p>
        Current name: <strong>{name}</strong>
      </p>
      <div className="dev-ui__row">
        <Dialog
          title="Rename version"
          description="The name people see in the version history."
          trigger={<Button icon={Pencil}>Rename version</Button>}
        >
          <form
            className="stack"
            onSubmit={(event) => {
              event.preventDefault();
              setName(String(new FormData(event.currentTarget).get("name") ?? ""));
            }}
          >
            <Field label="Version name" name="name" defaultValue={name} />
            <div className="actions">
              <Button type="submit">Save</Button>
              <DialogClose asChild>
                <Button variant="quiet">Cancel</Button>
              </DialogClose>
            </div>
          </form>
        </Dialog>
        <Sheet
          title="Comments"
          trigger={
            <Button variant="secondary" icon={PanelRight}>
              Open side panel
            </Button>
          }
        >
          <p>A side panel for threads, filters or details, with the page still in view on wide screens.</p>
          <Field label="Reply" name="reply" />
          <div className="actions">
            <DialogClose asChild>
              <Button>Done</Button>
            </DialogClose>
          </div>
        </Sheet>
      </div>
    </Section>
  );
}

function Popovers() {
  return (
    <Section id="popovers" title="Popover">
      <p>Non-modal and anchored: focus moves in, Escape or a click outside closes it.</p>
      <Popover
        label="Filter schools"
        trigger={
          <Button variant="secondary" icon={Filter}>
            Filter schools
          </Button>
        }
      >
        <p style={{ marginTop: 0 }}>Show schools with at least this many students.</p>
        <Field label="Minimum students" name="min" type="number" defaultValue={10} />
        <div className="actions" style={{ marginTop: "0.75rem" }}>
          <PopoverClose asChild>
            <Button>Apply</Button>
          </PopoverClose>
        </div>
      </Popover>
    </Section>
  );
}

function Menus() {
  const [last, setLast] = useState("nothing yet");
  return (
    <Section id="menus" title="DropdownMenu">
      <p>
        Arrow keys move, Enter chooses, Escape closes. Last chosen: <strong>{last}</strong>
      </p>
      <DropdownMenu
        label="Plan actions"
        trigger={<IconButton icon={MoreHorizontal} label="Plan actions" variant="secondary" />}
        align="start"
      >
        <DropdownMenuItem icon={Pencil} onSelect={() => setLast("Rename")}>
          Rename
        </DropdownMenuItem>
        <DropdownMenuItem icon={Copy} onSelect={() => setLast("Duplicate")}>
          Duplicate
        </DropdownMenuItem>
        <DropdownMenuItem icon={MessageSquare} disabled>
          Comment (not available)
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem icon={Trash2} tone="danger" onSelect={() => setLast("Archive")}>
          Archive
        </DropdownMenuItem>
      </DropdownMenu>
    </Section>
  );
}

function TabsExample() {
  return (
    <Section id="tabs" title="Tabs">
      <Tabs
        label="Plan sections"
        tabs={[
          { value: "summary", label: "Summary", content: <p>The plan in three sentences.</p> },
          { value: "actions", label: "Actions", content: <p>Who does what, by when.</p> },
          { value: "evidence", label: "Evidence", content: <p>The data views behind each action.</p> },
        ]}
      />
    </Section>
  );
}

function Toasts() {
  const toast = useToast();
  return (
    <Section id="toasts" title="Toast">
      <p>A short message that goes by itself; F8 moves to the notifications. Errors interrupt, others wait.</p>
      <div className="dev-ui__row">
        <Button variant="secondary" onClick={() => toast({ title: "Link copied", kind: "success" })}>
          Show a success
        </Button>
        <Button
          variant="secondary"
          onClick={() => toast({ title: "Version saved", description: "“Cabinet draft” is in the history." })}
        >
          Show a notice
        </Button>
        <Button
          variant="danger"
          onClick={() => toast({ title: "Not saved", description: "You are offline.", kind: "error" })}
        >
          Show an error
        </Button>
      </div>
    </Section>
  );
}

function Avatars() {
  return (
    <Section id="avatars" title="Avatar">
      <p>
        Initials on the member&apos;s presence colour; named by the person&apos;s name unless the name is written beside
        it.
      </p>
      <ul className="dev-ui__row" style={{ listStyle: "none", padding: 0 }}>
        {PRESENCE_COLORS.map((color, i) => (
          <li key={color}>
            <Avatar name={people[i]!} color={color} />
          </li>
        ))}
      </ul>
      <p className="member__name">
        <Avatar name="Rosa García" color={PRESENCE_COLORS[2]} size="small" decorative />
        Rosa García (small, beside the name)
      </p>
    </Section>
  );
}
