/**
 * Dashboards as code: a typed description in, Grafana's dashboard JSON model
 * out, every panel on the provisioned datasource's uid (a panel naming
 * another uid shows "datasource not found").
 */
import type { ArgumentProblems } from "../core/validate";
import type { GrafanaDashboard } from "./args";
import { GRAFANA_DEFAULTS } from "./defaults";

const UID = /^[a-zA-Z0-9_-]{1,40}$/;

export function dashboardProblems(problems: ArgumentProblems, dashboards: GrafanaDashboard[]): void {
  const uids = new Set<string>();
  dashboards.forEach((d, i) => {
    const at = `dashboards[${i}]`;
    if (typeof d?.uid !== "string" || !UID.test(d.uid)) problems.add(`${at}.uid`, d?.uid, "letters, digits, '-' and '_', at most 40 characters");
    else if (uids.has(d.uid)) problems.add(`${at}.uid`, d.uid, "a uid not used by another dashboard");
    else uids.add(d.uid);
    if (typeof d?.title !== "string" || d.title.trim() === "") problems.add(`${at}.title`, d?.title, "a title");
    if (!Array.isArray(d?.panels) || d.panels.length === 0) return problems.add(`${at}.panels`, d?.panels, "at least one panel");
    d.panels.forEach((p, j) => {
      if (!Array.isArray(p?.queries) || p.queries.length === 0 || !p.queries.every((q) => typeof q?.expr === "string" && q.expr.trim() !== "")) problems.add(`${at}.panels[${j}].queries`, p?.queries, "at least one query with a PromQL expr");
      if (p?.width !== undefined && (!Number.isInteger(p.width) || p.width < 1 || p.width > 24)) problems.add(`${at}.panels[${j}].width`, p.width, "an integer from 1 to 24");
    });
  });
}

/** Grafana's JSON model of one dashboard (schemaVersion 39 and up read it). */
export function dashboardJson(dashboard: GrafanaDashboard, datasourceUid: string): Record<string, unknown> {
  const datasource = { type: "prometheus", uid: datasourceUid };
  let x = 0;
  let y = 0;
  const panels = dashboard.panels.map((panel, i) => {
    const w = panel.width ?? GRAFANA_DEFAULTS.panelWidth;
    if (x + w > 24) {
      x = 0;
      y += GRAFANA_DEFAULTS.panelHeight;
    }
    const gridPos = { x, y, w, h: GRAFANA_DEFAULTS.panelHeight };
    x += w;
    return {
      id: i + 1,
      type: "timeseries",
      title: panel.title,
      description: panel.description,
      datasource,
      gridPos,
      fieldConfig: { defaults: { unit: panel.unit ?? "short" }, overrides: [] },
      options: { legend: { displayMode: "list", placement: "bottom", showLegend: true }, tooltip: { mode: "multi", sort: "desc" } },
      targets: panel.queries.map((q, j) => ({ refId: String.fromCharCode(65 + j), datasource, expr: q.expr, legendFormat: q.legend, range: true })),
    };
  });
  return {
    uid: dashboard.uid,
    title: dashboard.title,
    tags: dashboard.tags ?? [],
    timezone: "browser",
    editable: false,
    refresh: dashboard.refresh ?? GRAFANA_DEFAULTS.refresh,
    time: { from: "now-6h", to: "now" },
    schemaVersion: 39,
    version: 1,
    panels,
  };
}
