// The result `protect` gives in failClosed mode when it cannot screen, shared by the in-thread
// engine (scrim.js) and the worker proxy (engine-proxy.js) so both say the same thing.

/**
 * Block, and say why: one reason of kind `error` named after the error's kind (`limit`,
 * `crashed`, `not-ready`…), and the provenance of the engine that failed (`null` when none was
 * ever built).
 */
export function blocked(error, provenance = null) {
  const kind = error?.kind ?? 'internal';
  return {
    text: null,
    findings: [],
    scores: {},
    decision: {
      action: 'block',
      reasons: [{ action: 'block', kind: 'error', name: kind, count: 1, score: 1, message: `not screened, so not sent: ${error?.message ?? String(error)}` }],
    },
    provenance,
  };
}
