/** Stack config for the example's tests: a documentation account, a TEST-NET CIDR, a generated-looking URL (secret). */
export const EXAMPLE_CONFIG: Record<string, string> = {
  "aws:region": "sa-east-1",
  "eks-web-services:accountId": "111122223333",
  "eks-web-services:publicAccessCidrs": '["198.51.100.0/24"]',
  "eks-web-services:ghcrCredentialArn": "arn:aws:secretsmanager:sa-east-1:111122223333:secret:ecr-pullthroughcache/ghcr",
  "eks-web-services:certificateArn": "arn:aws:acm:sa-east-1:111122223333:certificate/0b3c5e4a-7d2f-4c1e-9a8b-1f2e3d4c5b6a",
  "eks-web-services:imageTag": "2025.10.29",
  "eks-web-services:databaseCidr": "10.20.0.0/24",
  "eks-web-services:databaseUrl": "postgresql://app:generated@db:5432/app?sslmode=require",
};

export const EXAMPLE_SECRET_KEYS = ["eks-web-services:databaseUrl"];
