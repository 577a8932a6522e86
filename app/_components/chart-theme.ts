/** Chart colours (SVG attributes cannot read the CSS variables everywhere): the same values as globals.css. */
export const CHART = {
  grid: '#2a3541',
  axis: '#8d99a6',
  text: '#e3e8ee',
  panel: '#1e2731',
  backlog: '#4ea1ff',
  chain: '#d29922',
  limit: '#f85149',
  gap: '#f85149',
} as const;

export const tooltipStyle = {
  contentStyle: { background: CHART.panel, border: `1px solid ${CHART.grid}`, borderRadius: 6, color: CHART.text },
  labelStyle: { color: CHART.text },
};
