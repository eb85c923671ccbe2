/** Wire limits shared by clients (to pre-validate) and the server (to enforce). */
export const LIMITS = {
  toolLength: 64,
  nameLength: 512,
  entityLength: 2048,
  branchLength: 512,
  userAgentLength: 1024,
  dependencies: 200,
  dependencyLength: 256,
  batchSize: 1000,
  agentTurns: 20_000,
  agentModels: 200,
  agentTools: 1_000,
  agentFiles: 10_000,
} as const;
