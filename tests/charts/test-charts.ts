/**
 * Small charts the tests write themselves (never upstream code): one template
 * each, to prove that every check on rendered objects fails when it should
 * and names the chart, the template and the object.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const RESTRICTED_POD = `
      securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: RuntimeDefault } }
      automountServiceAccountToken: false
      containers:
        - name: app
          image: IMAGE
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: [ALL] } }
          resources: { requests: { cpu: CPU, memory: 64Mi }, limits: { memory: 64Mi } }`;

/** A Deployment in the release namespace with the given image and CPU request. */
export function deployment(image = "docker.io/library/nginx:1.27.3", cpu = "100m", extra = ""): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: {{ .Release.Name }}-web }
spec:
  replicas: {{ .Values.replicas | default 1 }}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:${RESTRICTED_POD.replace("IMAGE", image).replace("CPU", cpu)}${extra}
`;
}

/** Writes a chart folder `name` with one template file per entry; returns its path. */
export function writeChart(name: string, templates: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), "forja-chart-")), name);
  mkdirSync(join(dir, "templates"), { recursive: true });
  writeFileSync(join(dir, "Chart.yaml"), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
  for (const [file, text] of Object.entries(templates)) writeFileSync(join(dir, "templates", file), text);
  return dir;
}
