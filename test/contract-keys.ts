// The keys of `ask --json`, in order, as ../shared/reference/answer-contract.md fixes them: written out here
// (not derived from the code) so a test fails when the output drifts from the contract.
export const CONTRACT_KEYS = [
  "question",
  "intent",
  "owner",
  "service",
  "model",
  "layer",
  "entry",
  "confidence",
  "suggestions",
];
