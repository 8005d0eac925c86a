/**
 * Known vulnerabilities of the default Milvus image. Both advisories name the
 * first fixed 2.5 release: CVE-2025-64513 (proxy authentication bypass) in
 * 2.5.21, CVE-2026-26190 (unauthenticated management API and a guessable
 * `/expr` token on port 9091) in 2.5.27. Lowering the default below either
 * fails here.
 */
import { parseImage } from "../../components/core/images";
import { MILVUS_IMAGES } from "../../components/milvus/defaults";

const FIXED_IN: [string, string][] = [
  ["CVE-2025-64513", "2.5.21"],
  ["CVE-2026-26190", "2.5.27"],
];

/** [major, minor, patch] of a `v2.5.27`-style tag. */
function version(tag: string): number[] {
  const match = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(tag);
  if (!match) throw new Error(`not a release tag: ${tag}`);
  return match.slice(1).map(Number);
}

function atLeast(actual: number[], floor: number[]): boolean {
  for (let i = 0; i < 3; i++) if (actual[i] !== floor[i]) return actual[i] > floor[i];
  return true;
}

describe("the default Milvus image", () => {
  const tag = parseImage(MILVUS_IMAGES.milvus).tag as string;

  // The fixed versions above are the 2.5 line's (2.6 has its own: 2.6.5 and 2.6.10); chart 4.2.x runs 2.5.
  it("stays on the 2.5 line that chart 4.2.57 runs", () => {
    expect(version(tag).slice(0, 2)).toEqual([2, 5]);
  });

  it.each(FIXED_IN)("is fixed for %s (first fixed in %s)", (_cve, fixed) => {
    expect(atLeast(version(tag), version(fixed))).toBe(true);
  });

  it("compares versions numerically, so 2.5.3 is older than 2.5.27 and the chart's own 2.5.15 fails", () => {
    expect(atLeast(version("v2.5.3"), version("2.5.27"))).toBe(false);
    expect(atLeast(version("v2.5.15"), version("2.5.21"))).toBe(false);
    expect(atLeast(version("v2.5.27"), version("2.5.27"))).toBe(true);
  });
});
