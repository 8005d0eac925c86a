export const FLOWISE_DEFAULTS = {
  /**
   * The published image is built from docker/Dockerfile with an unpinned
   * `npm install -g flowise`: only the digest says what runs.
   */
  image: "docker.io/flowiseai/flowise:3.1.4@sha256:3922767afb52a5777759fd8b28a3c9eee864daea96018a791f2429eae2a76571",
  port: 3000,
  /** The image has no USER (root); `node` (1000) exists in its node:alpine base. */
  uid: 1000,
  home: "/home/node",
  /** DataSource.init creates $HOME/.flowise: the volume. */
  dataPath: "/home/node/.flowise",
  storageSize: "5Gi",
  resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "2Gi" } },
  protect: true,
  /** Unauthenticated (on Flowise's whitelist); /api/v1/metrics needs an API key. */
  probePath: "/api/v1/ping",
  /** Migrations run at start: ten minutes before liveness counts. */
  startupFailureThreshold: 60,
  keyLength: 48,
} as const;

/** Generated once, kept in state. The encryption key decrypts every credential stored in Postgres. */
export const FLOWISE_KEYS = {
  FLOWISE_SECRETKEY_OVERWRITE: "encryption-key",
  JWT_AUTH_TOKEN_SECRET: "jwt-auth-token-secret",
  JWT_REFRESH_TOKEN_SECRET: "jwt-refresh-token-secret",
  EXPRESS_SESSION_SECRET: "express-session-secret",
  TOKEN_HASH_SECRET: "token-hash-secret",
} as const;
