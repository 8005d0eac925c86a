import { recordStack } from "forja/testing";
import type { RecordedStack } from "forja/testing";
import { eksStack } from "../consumer/project/eks";
import { EKS_STACK_COUNTS, K3S_STACK_COUNTS, K3S_STACK_OUTPUTS } from "../consumer/project/expected";
import { k3sStack } from "../consumer/project/k3s";

/** The package suite's consumer stacks, run here from the sources: the same answers the packed library must give. */
describe("the package suite's consumer stacks, from sources", () => {
  let k3s: RecordedStack;
  let eks: RecordedStack;
  beforeAll(async () => {
    k3s = await recordStack(k3sStack, { project: "consumer", mocks: { awsRegion: "eu-west-1" } });
    eks = await recordStack(eksStack, { project: "consumer", mocks: { awsRegion: "eu-west-1" } });
  });

  it("K3s: a cluster handle and one routed, autoscaled web service", () => {
    expect(k3s.counts()).toEqual(K3S_STACK_COUNTS);
    expect(k3s.outputs).toEqual(K3S_STACK_OUTPUTS);
  });

  it("EKS: the mocks answer for the cluster, OIDC, kubeconfig and the Elastic IP", () => {
    expect(eks.counts()).toEqual(EKS_STACK_COUNTS);
    expect(eks.outputs).toEqual({ egressIps: [expect.stringMatching(/^203\.0\.113\.\d+$/)], kubeconfig: "[secret]", worker: "worker" });
  });
});
