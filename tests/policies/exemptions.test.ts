/** Named chart exemptions: each names a real rule and a real template, says why, and covers only its finding. */
import { CHART_EXEMPTIONS, chartExemption } from "../../policies/exemptions";
import { forjaPolicies } from "../../policies/rules";

describe("chart exemptions", () => {
  it.each(CHART_EXEMPTIONS.map((e) => [e.policy, e.template, e]))("%s on %s names a rule and says why", (_policy, _template, exemption) => {
    expect(forjaPolicies.map((p) => p.name)).toContain(exemption.policy);
    expect(exemption.template).toMatch(/^[a-z0-9-]+\/(charts\/[a-z0-9-]+\/)*templates\/([\w.-]+\/)*[\w.-]+\.ya?ml$/);
    expect(exemption.why.length).toBeGreaterThan(40);
  });

  it("covers only its rule, its template and its finding", () => {
    const template = "nvidia-device-plugin/templates/daemonset-device-plugin.yml";
    expect(chartExemption("containers-non-root", { template }, 'container "nvidia-device-plugin-ctr" may run as root')).toBeDefined();
    expect(chartExemption("containers-no-privilege-escalation", { template }, 'container "nvidia-device-plugin-ctr" is privileged')).toBeUndefined();
    expect(chartExemption("containers-non-root", { template }, 'container "sidecar" may run as root')).toBeUndefined();
    expect(chartExemption("containers-non-root", { template: "other/templates/daemonset-device-plugin.yml" }, 'container "nvidia-device-plugin-ctr" may run as root')).toBeUndefined();
    expect(chartExemption("containers-non-root", undefined, 'container "nvidia-device-plugin-ctr" may run as root')).toBeUndefined();
  });
});
