// Type-checked, never run (scripts/test.sh: `npx tsc --noEmit --strict tests/js/api-types.ts`): the
// declarations say what the API does. Each @ts-expect-error line must be an error, or tsc fails.
import { Scrim, type FailClosedResult, type ProtectResult, type ScrimError, type ScrimErrorKind } from '../../pkg/index.js';

declare const scrim: Scrim;
declare const key: CryptoKey;

const out: ProtectResult = scrim.protect('mail jane.doe@example.com');
if (out.text === null) {
  // A failClosed block: one reason of a declared kind, and a provenance that may be missing.
  const blocked: FailClosedResult = out;
  const action: 'block' = blocked.decision.action;
  const policy: string | undefined = blocked.provenance?.policy;
  // @ts-expect-error no engine may have been built yet: provenance can be null
  const unchecked: string = blocked.provenance.policy;
  void [action, policy, unchecked];
} else {
  // Screened: text and provenance are there.
  const text: string = out.text;
  const policy: string = out.provenance.policy;
  void [text, policy];
}

const plain: string = scrim.exportVault();
const sealed: Promise<string> = scrim.exportVault({ key });
const byPassphrase: Promise<string> = scrim.exportVault({ passphrase: 'correct horse battery staple' });
// @ts-expect-error a key or a passphrase, not both
void scrim.exportVault({ key, passphrase: 'x' });
const imported: Promise<void> = scrim.importVault(plain, { key });
const again: Promise<Scrim> = Scrim.create(null, { vault: plain, passphrase: 'correct horse battery staple' });
void [sealed, byPassphrase, imported, again];

function kindOf(e: unknown): ScrimErrorKind | undefined {
  return (e as ScrimError).kind;
}
// @ts-expect-error not a kind scrim reports
const wrong: ScrimErrorKind = 'panic';
void [kindOf, wrong];
