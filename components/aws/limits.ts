/**
 * AWS limits Forja checks before `pulumi up`, in one table: the API would
 * refuse these values only once the stack is half created. Each entry names
 * its source.
 */

/** CloudWatch Logs accepts only these retention periods, in days (PutRetentionPolicy, retentionInDays: "Valid Values"). */
export const CLOUDWATCH_LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/**
 * Bedrock Guardrails (CreateGuardrail API reference: GuardrailTopicConfig,
 * GuardrailWordConfig, GuardrailPiiEntityConfig; Bedrock service quotas:
 * "Denied topics per guardrail", "Words per word policy").
 */
export const BEDROCK_GUARDRAIL_LIMITS = {
  deniedTopics: 30,
  topicName: 100,
  topicDefinition: 1000,
  examplesPerTopic: 5,
  exampleLength: 100,
  blockedWords: 10000,
  wordLength: 100,
  /** GuardrailPiiEntityConfig.type: "Valid Values". */
  piiEntityTypes: [
    "ADDRESS", "AGE", "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "CA_HEALTH_NUMBER", "CA_SOCIAL_INSURANCE_NUMBER", "CREDIT_DEBIT_CARD_CVV", "CREDIT_DEBIT_CARD_EXPIRY",
    "CREDIT_DEBIT_CARD_NUMBER", "DRIVER_ID", "EMAIL", "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "IP_ADDRESS", "LICENSE_PLATE", "MAC_ADDRESS", "NAME", "PASSWORD", "PHONE",
    "PIN", "SWIFT_CODE", "UK_NATIONAL_HEALTH_SERVICE_NUMBER", "UK_NATIONAL_INSURANCE_NUMBER", "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER", "URL", "USERNAME",
    "US_BANK_ACCOUNT_NUMBER", "US_BANK_ROUTING_NUMBER", "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "US_PASSPORT_NUMBER", "US_SOCIAL_SECURITY_NUMBER",
    "VEHICLE_IDENTIFICATION_NUMBER",
  ],
} as const;
