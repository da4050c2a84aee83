// The Teams side of the preview: Markdown as Teams shows it in cards, and the renderer's host config.

// --- Markdown: cards use a small subset (**bold**, _italic_, [links](https://…)); text is escaped first. ---

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function markdownToHtml(text: string): string {
  let html = escapeHtml(text);
  html = html.replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, (_m, label: string, url: string) => {
    return `<a href="${url}" target="_blank" rel="noopener noreferrer">${label}</a>`;
  });
  html = html.replace(/\*\*([^*\n]+)\*\*/g, "<strong>$1</strong>");
  html = html.replace(/(^|[\s(])_([^_\n]+)_(?=[\s).,!?:;]|$)/g, "$1<em>$2</em>");
  return html.replace(/\n/g, "<br>");
}

// How Teams draws cards, for Microsoft's renderer: its light theme's fonts, spacing and colour roles.
/** Teams' light-theme text colours by role, the same on plain and emphasised containers. */
const TEXT_COLOURS = {
  default: { default: "#242424", subtle: "#616161" },
  accent: { default: "#115EA3", subtle: "#0F548C" },
  good: { default: "#0E700E", subtle: "#107C10" },
  warning: { default: "#8A3707", subtle: "#9D5D00" },
  attention: { default: "#B10E1C", subtle: "#C4314B" },
};

export const hostConfig = {
  fontFamily: "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif",
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 28, padding: 14 },
  separator: { lineThickness: 1, lineColor: "#E1DFDD" },
  fontSizes: { small: 12, default: 14, medium: 17, large: 21, extraLarge: 26 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  supportsInteractivity: true,
  actions: {
    maxActions: 8,
    spacing: "default",
    buttonSpacing: 8,
    showCard: { actionMode: "inline", inlineTopMargin: 8 },
    actionsOrientation: "horizontal",
    actionAlignment: "left",
    wrap: true,
  },
  containerStyles: {
    default: {
      backgroundColor: "#FFFFFF",
      foregroundColors: {
        ...TEXT_COLOURS,
        dark: { default: "#242424", subtle: "#616161" },
        light: { default: "#FFFFFF", subtle: "#F5F5F5" },
      },
    },
    emphasis: { backgroundColor: "#F5F5F5", foregroundColors: TEXT_COLOURS },
    good: { backgroundColor: "#F1FAF1" },
    attention: { backgroundColor: "#FDF3F4" },
    warning: { backgroundColor: "#FBF6D9" },
    accent: { backgroundColor: "#EBF3FC" },
  },
};
