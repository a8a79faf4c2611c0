// Generated from scrim's Rust types (src/report.rs, `cargo test --features typescript`): do not edit.
// The doc comments are the Rust ones; in the JS API every offset (`start`, `end`) counts UTF-16
// code units (what String.prototype.slice uses), not UTF-8 bytes.

/**
 * What the policy does with a prompt that has a finding or a score.
 */

export type Action = "allow" | "warn" | "redact" | "block";

/**
 * How a value to redact is replaced.
 */

export type Operator = "placeholder" | "mask" | "hash" | "redact" | "pseudonym";

/**
 * What produced a finding.
 */

export type SourceKind = "rule" | "custom" | "deny_list" | "model" | "heuristic";

/**
 * Which rule or model produced a finding, for the person reading it.
 */

export type Source = { 
/**
 * Rule, custom pattern, deny list, model or heuristic.
 */
kind: SourceKind, 
/**
 * The recognizer or model id, e.g. `generic.credit_card` or `model.ner`.
 */
name: string, 
/**
 * The pattern that matched, e.g. `grouped (medium)`, when there is one.
 */
pattern?: string, };

/**
 * What, beyond its pattern, confirmed a finding.
 */

export type Confirmation = "checksum" | "structure" | "deny_list" | "label";

/**
 * One span of the input that scrim recognized, as JSON (the JS API's and the CLI's `Finding`):
 * the fields of a [`Finding`] plus `validated`.
 */

export type Finding = { 
/**
 * The entity type, in Presidio's names where one exists (`EMAIL_ADDRESS`, `PERSON`...).
 */
entity: string, 
/**
 * Offset of the span's start.
 */
start: number, 
/**
 * Offset just past the span.
 */
end: number, 
/**
 * Confidence in [0, 1] (four decimals).
 */
score: number, 
/**
 * Whether a checksum or check digit confirmed the value.
 */
validated: boolean, 
/**
 * What confirmed the value beyond its pattern, if anything.
 */
confirmed?: Confirmation, 
/**
 * The rule or model that found it.
 */
source: Source, 
/**
 * Why the score is what it is: the context word that raised it, the validator that passed.
 */
explanation?: Array<string>, 
/**
 * The matched text as it stands in the input (the CLI leaves it out unless asked).
 */
text: string, };

/**
 * A finding as the policy judged it, as JSON (the JS API's and the CLI's `JudgedFinding`): the
 * finding's fields, its action and its replacement.
 */

export type JudgedFinding = { 
/**
 * What the policy does about it.
 */
action: Action, 
/**
 * What the value became in `protect`'s text (`[EMAIL_ADDRESS_1]`, a mask, a hash).
 */
replacement?: string, 
/**
 * The entity type, in Presidio's names where one exists (`EMAIL_ADDRESS`, `PERSON`...).
 */
entity: string, 
/**
 * Offset of the span's start.
 */
start: number, 
/**
 * Offset just past the span.
 */
end: number, 
/**
 * Confidence in [0, 1] (four decimals).
 */
score: number, 
/**
 * Whether a checksum or check digit confirmed the value.
 */
validated: boolean, 
/**
 * What confirmed the value beyond its pattern, if anything.
 */
confirmed?: Confirmation, 
/**
 * The rule or model that found it.
 */
source: Source, 
/**
 * Why the score is what it is: the context word that raised it, the validator that passed.
 */
explanation?: Array<string>, 
/**
 * The matched text as it stands in the input (the CLI leaves it out unless asked).
 */
text: string, };

/**
 * What raised a decision.
 */

export type ReasonKind = "entity" | "score" | "heuristic" | "error";

/**
 * Why the decision is what it is: one entry per entity type or score that raised it.
 */

export type Reason = { 
/**
 * The action this reason calls for.
 */
action: Action, 
/**
 * What raised it.
 */
kind: ReasonKind, 
/**
 * The entity type or score label.
 */
name: string, 
/**
 * How many findings of this entity (1 for a score).
 */
count: number, 
/**
 * The highest score involved.
 */
score: number, 
/**
 * One sentence for the person typing.
 */
message: string, };

/**
 * The policy's verdict on a prompt.
 */

export type Decision = { 
/**
 * The strongest action any finding or score calls for (`allow` when nothing does).
 */
action: Action, 
/**
 * Every finding type and score that called for more than `allow`, strongest first.
 */
reasons: Array<Reason>, };

/**
 * A model that took part in a result.
 */

export type ModelInfo = { 
/**
 * The model's name (`toxicity`, `ner`, `injection`).
 */
name: string, 
/**
 * Its version, from its sidecar.
 */
version: string, 
/**
 * `sha256:` and the hex SHA-256 of the `.onnx` file.
 */
sha256: string, };

/**
 * What made a result: for accountability, without the data.
 */

export type Provenance = { 
/**
 * scrim's version.
 */
scrim: string, 
/**
 * The policy id (hash of the normalized policy).
 */
policy: string, 
/**
 * The models that ran.
 */
models: Array<ModelInfo>, };

/**
 * How an explanation was computed.
 */

export type ExplanationMethod = "exact" | "occlusion";

/**
 * One word's signed share of a label's logit.
 */

export type WordContribution = { 
/**
 * The folded word the features came from (`"idiot"` for `"ID10T"`).
 */
word: string, 
/**
 * Byte offset of the word in the original text (a character boundary).
 */
start: number, 
/**
 * Byte offset just past the word in the original text.
 */
end: number, 
/**
 * Signed contribution to the logit: positive pushes the score up.
 */
contribution: number, };

/**
 * Why one label got its score.
 */

export type LabelExplanation = { 
/**
 * The label.
 */
label: string, 
/**
 * The score, `sigmoid(logit)`.
 */
score: number, 
/**
 * The logit the score came from.
 */
logit: number, 
/**
 * The model's logit for an empty text (what no word at all gives).
 */
bias: number, 
/**
 * Per word, in text order. Exact method: `bias + Σ contribution ≈ logit`.
 */
words: Array<WordContribution>, };

/**
 * Per-label explanations of one text.
 */

export type Explanation = { 
/**
 * How the contributions were computed.
 */
method: ExplanationMethod, 
/**
 * One per label, in sidecar order.
 */
labels: Array<LabelExplanation>, };

/**
 * The result of [`Scrim::scan`](crate::Scrim::scan) and [`Scrim::protect`](crate::Scrim::protect).
 */

export type Report = { 
/**
 * What was found, sorted by start; UTF-8 byte offsets into the screened text.
 */
findings: Array<JudgedFinding>, 
/**
 * Classifier scores by label, in [0, 1].
 */
scores: { [key in string]: number }, 
/**
 * The policy's decision.
 */
decision: Decision, 
/**
 * The scrim version, policy id and model digests that made this result.
 */
provenance: Provenance, 
/**
 * The protected text (`protect` only): what the hosted model may receive.
 */
text?: string, 
/**
 * Why each classifier scored what it did: signed per-word contributions (only when asked
 * for with [`ScanOptions::explain`](crate::ScanOptions::explain)), keyed by model name.
 */
explanations?: { [key in string]: Explanation }, };

/**
 * Per-entity rule; every field optional so a user policy can change one thing.
 */

export type EntityRule = { 
/**
 * What to do with a prompt containing the entity.
 */
action?: Action, 
/**
 * How to replace the value when the action is redact.
 */
operator?: Operator, 
/**
 * Findings scoring below this are dropped.
 */
min_score?: number, };

/**
 * Warn and block thresholds for a classifier score.
 */

export type Thresholds = { 
/**
 * At or above: at least warn.
 */
warn: number, 
/**
 * At or above: block. Absent: this score never blocks.
 */
block?: number, };

/**
 * A deny-list entry: values that are always this entity.
 */

export type DenyEntry = { 
/**
 * The entity the values are reported as.
 */
entity: string, 
/**
 * The values (matched case-insensitively as whole words).
 */
values: Array<string>, };

/**
 * A custom regex recognizer given in the policy.
 */

export type CustomRecognizer = { 
/**
 * The entity it reports (a new name, or a built-in one).
 */
entity: string, 
/**
 * Rust `regex` syntax (linear time). A group named `v` narrows the finding to that group.
 */
pattern: string, 
/**
 * The score of a match, in [0, 1].
 */
score: number, 
/**
 * Context words that raise the score.
 */
context: Array<string>, 
/**
 * A name for the finding's source; defaults to the entity.
 */
name: string | null, };

/**
 * Mask operator settings.
 */

export type MaskSettings = { 
/**
 * The masking character.
 */
char: string, 
/**
 * How many trailing letters or digits stay visible.
 */
keep_last: number, };

/**
 * Which classifiers run.
 */

export type ModelSwitches = { 
/**
 * The toxicity classifier.
 */
toxicity: boolean, 
/**
 * The prompt-injection classifier (the heuristics always run).
 */
injection: boolean, 
/**
 * The names/places/organisations token classifier.
 */
ner: boolean, };

/**
 * Limits that keep hostile input and hostile policies bounded.
 */

export type Limits = { 
/**
 * Larger input is an error, not a truncation.
 */
max_input_bytes: number, 
/**
 * At most this many custom patterns.
 */
max_custom_patterns: number, 
/**
 * Each custom pattern at most this long.
 */
max_pattern_bytes: number, 
/**
 * The most memory one compiled custom pattern (and its lazy DFA) may take, in bytes: a
 * pattern like `\w{1000}{1000}` is refused instead of building a huge automaton.
 */
max_compiled_pattern_bytes: number, };

/**
 * Built-in recognizers to switch off or on by id (`generic.url`) on top of
 * `config/recognizers.toml`.
 */

export type RecognizerSwitches = { 
/**
 * Recognizer ids to turn on, also those off by default (`generic.uuid`).
 */
enable: Array<string>, 
/**
 * Recognizer ids to turn off.
 */
disable: Array<string>, };

/**
 * A complete policy (the default with the user's overrides laid over it).
 */

export type Policy = { 
/**
 * A name for people; the policy id is the hash of the whole policy, not this.
 */
name: string, 
/**
 * The rule for entities not named in `entities`.
 */
default: EntityRule, 
/**
 * Per-entity rules.
 */
entities: { [key in string]: EntityRule }, 
/**
 * Classifier thresholds by label.
 */
scores: { [key in string]: Thresholds }, 
/**
 * Values never reported (exact, case-insensitive), e.g. the company's support address.
 */
allow: Array<string>, 
/**
 * Values always reported.
 */
deny: Array<DenyEntry>, 
/**
 * Custom regex recognizers.
 */
custom: Array<CustomRecognizer>, 
/**
 * Built-in recognizers switched on or off by id.
 */
recognizers: RecognizerSwitches, 
/**
 * Mask operator settings.
 */
mask: MaskSettings, 
/**
 * Which classifiers run.
 */
models: ModelSwitches, 
/**
 * Input and pattern limits.
 */
limits: Limits, 
/**
 * Link a person's later partial names ("John", "Mr Smith", "J. Smith") to the placeholder of
 * the one full name they fit; ambiguous ones get their own.
 */
link_aliases: boolean, };
