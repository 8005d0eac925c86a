/**
 * `npm start [-- --stack dev|prod|aci|all] [--out DIR]`: renders what
 * `pulumi up` would create, offline. Exits 1 on invalid config, an invalid
 * Kubernetes object, a policy violation or a secret leak.
 */
import { resolve } from "node:path";
import { StackConfigError, StackFileError } from "../config";
import { summaryText, writeArtifacts } from "./artifacts";
import { buildReport, reportProblems } from "./report";
import { runProgram } from "./run";
import { readStackFile } from "./stackfile";

export const ALL_STACKS = ["dev", "prod", "aci", "appgear", "mlplatform"] as const;

interface CliOptions {
  stacks: string[];
  outDir: string;
  /** Folders of packaged charts (`NAME-VERSION.tgz`): `--charts DIR` (repeatable), else `FORJA_CHARTS`. */
  chartDirectories?: string[];
}

export function parseArguments(argv: string[]): CliOptions {
  let stack = "dev";
  let outDir = "out";
  const charts: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if ((flag === "--stack" || flag === "--out" || flag === "--charts") && (value === undefined || value.startsWith("--"))) {
      throw new Error(`${flag} needs a value`);
    }
    if (flag === "--stack") stack = argv[++i];
    else if (flag === "--out") outDir = argv[++i];
    else if (flag === "--charts") charts.push(argv[++i]);
    else throw new Error(`unknown argument "${flag}": expected --stack <dev|prod|aci|all>, --out <dir> or --charts <dir>`);
  }
  return { stacks: stack === "all" ? [...ALL_STACKS] : [stack], outDir, chartDirectories: charts.length ? charts : undefined };
}

export interface Output {
  log: (text: string) => void;
  error: (text: string) => void;
}

/** The command: synthesises the stacks of the project in `root`; returns the exit code. */
export async function synth(argv: string[], root: string, output: Output = console): Promise<number> {
  const options = parseArguments(argv);
  let failed = false;
  for (const stack of options.stacks) {
    let report;
    try {
      report = buildReport(await runProgram(readStackFile(root, stack), { chartDirectories: options.chartDirectories }));
    } catch (error) {
      // Both name the stack file, the key or line, and what was expected: one paragraph, no trace.
      if (error instanceof StackConfigError || error instanceof StackFileError) {
        output.error(`stack ${stack}: ${error.message}`);
        failed = true;
        continue;
      }
      throw error;
    }
    const dir = writeArtifacts(resolve(options.outDir), report);
    output.log(summaryText(report, dir));
    const problems = reportProblems(report);
    if (problems.length > 0) {
      failed = true;
      output.error(`stack ${stack}: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    }
  }
  return failed ? 1 : 0;
}

if (require.main === module) {
  // Like the Pulumi CLI: the project is the working directory.
  synth(process.argv.slice(2), process.cwd()).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`synth failed: ${error.message}`);
      process.exit(1);
    },
  );
}
