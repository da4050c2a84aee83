// Draws a Block Kit message the way Slack shows it (header, sections with fields and a button, context,
// dividers, actions, mrkdwn), from the very JSON the Slack adapter sends. No framework, no imports at run time.
// Every string is Slack-escaped mrkdwn already; it is escaped again for HTML before any mark-up is added.

type Obj = Record<string, unknown>;
export type SlackClick = (value: string, label: string) => void;

/** HTML-escapes what Slack's escaping leaves (it only escapes &, < and >), keeping its entities. */
function html(s: string): string {
  return s
    .replace(/&(?!(?:amp|lt|gt);)/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function emoji(s: string, icons: Record<string, string>): string {
  return s.replace(/:([a-z0-9_+-]+):/g, (m, name: string) => icons[name] ?? m);
}

/** mrkdwn to HTML: <url|label> links (https only), <@user> mentions, *bold*, _italic_, `code`, :emoji:. */
export function mrkdwnToHtml(text: string, icons: Record<string, string>): string {
  const parts = text.split(/<([^<>\n]+)>/g);
  return parts
    .map((p, i) => {
      if (i % 2 === 1) {
        const [target = "", label] = p.split("|", 2);
        if (/^@[UW][A-Z0-9]+$/.test(target)) return `<span class="sk-mention">@user</span>`;
        if (/^https:\/\/[^\s"'<>]+$/.test(target))
          return `<a href="${html(target)}" target="_blank" rel="noopener noreferrer">${inline(label ?? target, icons)}</a>`;
        return html(`<${p}>`);
      }
      return inline(p, icons);
    })
    .join("");
}

function inline(text: string, icons: Record<string, string>): string {
  return emoji(html(text), icons)
    .replace(/`([^`\n]+)`/g, "<code>$1</code>")
    .replace(/(^|[^\w*])\*([^*\n]+)\*(?=$|[^\w*])/g, "$1<strong>$2</strong>")
    .replace(/(^|[^\w_])_([^_\n]+)_(?=$|[^\w_])/g, "$1<em>$2</em>")
    .replace(/\n/g, "<br>");
}

function el(tag: string, className: string, htmlText?: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  if (htmlText !== undefined) e.innerHTML = htmlText;
  return e;
}

function textOf(t: unknown, icons: Record<string, string>): string {
  const o = (t ?? {}) as Obj;
  const s = typeof o.text === "string" ? o.text : "";
  return o.type === "plain_text" ? emoji(html(s), icons) : mrkdwnToHtml(s, icons);
}

function button(b: Obj, icons: Record<string, string>, onClick: SlackClick): HTMLElement {
  const label = textOf(b.text, icons);
  const e = el("button", `sk-button${b.style === "primary" ? " sk-primary" : ""}`, label);
  (e as HTMLButtonElement).type = "button";
  const raw = typeof (b.text as Obj | undefined)?.text === "string" ? String((b.text as Obj).text) : "";
  e.addEventListener("click", () => onClick(String(b.value ?? ""), raw.replace(/:[a-z_]+:\s?/g, "")));
  return e;
}

function block(b: Obj, icons: Record<string, string>, onClick: SlackClick): HTMLElement | null {
  switch (b.type) {
    case "header":
      return el("div", "sk-header", textOf(b.text, icons));
    case "section": {
      const s = el("div", "sk-section");
      const body = el("div", "sk-section-body");
      if (b.text) body.append(el("div", "sk-text", textOf(b.text, icons)));
      if (Array.isArray(b.fields)) {
        const grid = el("div", "sk-fields");
        for (const f of b.fields) grid.append(el("div", "sk-field", textOf(f, icons)));
        body.append(grid);
      }
      s.append(body);
      if (b.accessory) s.append(button(b.accessory as Obj, icons, onClick));
      return s;
    }
    case "context": {
      const c = el("div", "sk-context");
      for (const x of (b.elements as Obj[]) ?? []) c.append(el("span", "", textOf(x, icons)));
      return c;
    }
    case "divider":
      return el("hr", "sk-divider");
    case "actions": {
      const a = el("div", "sk-actions");
      for (const x of (b.elements as Obj[]) ?? []) a.append(button(x, icons, onClick));
      return a;
    }
    default:
      return null;
  }
}

/** A Slack message: the app's name, then its blocks (or its fallback text when it has none). */
export function slackMessage(
  message: { text: string; blocks: unknown[] },
  icons: Record<string, string>,
  onClick: SlackClick,
): HTMLElement {
  const msg = el("div", "sk-message");
  const who = el("div", "sk-who");
  who.append(el("span", "sk-avatar", "S"), el("strong", "", "srm-bot"), el("span", "sk-app", "APP"));
  msg.append(who);
  const blocks = message.blocks.map((b) => block(b as Obj, icons, onClick)).filter((b) => b !== null);
  if (blocks.length) msg.append(...blocks);
  else msg.append(el("div", "sk-text", mrkdwnToHtml(message.text, icons)));
  return msg;
}
