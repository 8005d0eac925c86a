/**
 * The image `az acr build ./app` makes is the one the container group expects:
 * it listens on the port the group publishes and probes, answers the probe
 * path, runs as a numeric non-root user and installs pinned versions only.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { APP } from "../program.js";

const read = (file: string) => readFileSync(join(__dirname, "..", "app", file), "utf8");
const dockerfile = read("Dockerfile");
const instruction = (name: string) => dockerfile.split("\n").filter((line) => line.startsWith(`${name} `)).map((line) => line.slice(name.length + 1));

describe("app/ (datalk-api)", () => {
  it("serves on the port the group publishes, and the probe path", () => {
    expect(instruction("EXPOSE")).toEqual([String(APP.port)]);
    expect(JSON.parse(instruction("CMD")[0])).toEqual(["uvicorn", "main:app", "--host", "0.0.0.0", "--port", String(APP.port)]);
    expect(read("main.py")).toContain(`@app.get("${APP.probePath}")`);
  });

  it("runs as a numeric user other than root", () => {
    const [user] = instruction("USER");
    expect(user).toMatch(/^\d+:\d+$/);
    expect(user.startsWith("0:")).toBe(false);
  });

  it("builds from a pinned base image and pinned requirements", () => {
    expect(instruction("FROM")).toEqual([expect.stringMatching(/^docker\.io\/library\/python:\d+\.\d+\.\d+-slim-\w+$/)]);
    const requirements = read("requirements.txt").trim().split("\n");
    expect(requirements.filter((line) => !/^[a-z0-9-]+==\d+(\.\d+)+$/.test(line))).toEqual([]);
  });
});
