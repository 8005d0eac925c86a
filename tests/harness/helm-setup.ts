/**
 * jest globalSetup: find (or fetch, once) the Helm every chart render uses,
 * before the workers start, so parallel workers do not each fetch it.
 * Workers inherit FORJA_HELM from here.
 */
import { locateHelm, resolveChartSettings } from "../../components/testing/helm";

export default function setup(): void {
  const settings = resolveChartSettings();
  process.env.FORJA_HELM = locateHelm(settings.helm, settings.cacheDirectory);
}
