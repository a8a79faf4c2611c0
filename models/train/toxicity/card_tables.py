"""Print the metric tables of models/toxicity.md from metrics.json (so the card is not hand-copied)."""
import json
import sys

m = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "metrics.json"))
f3 = lambda x: "n/a" if x != x else f"{x:.3f}"  # noqa: E731
print("| label | truth on the test split | n (pos) | scrim | alt-profanity-check | tox-block (teacher) |")
print("|---|---|---|---|---|---|")
for l, r in m["test_auc"].items():
    print(f"| `{l}` | {r['truth']} | {r['n']} ({r['positives']}) | **{f3(r['scrim'])}** | {f3(r['alt_profanity_check'])} | {f3(r['tox_block'])} |")
for s in ["davidson", "olid"]:
    r = m[f"test_auc_toxicity_{s}"]
    print(f"| `toxicity`, {s} only | human labels | {r['n']} | **{f3(r['scrim'])}** | {f3(r['alt_profanity_check'])} | {f3(r['tox_block'])} |")
ih = m["implicit_hate"]
print(f"| implicit hate (held-out frames and groups) | template labels | {ih['n']} ({ih['positives']}) | **{f3(ih['scrim_toxicity'])}** (max over labels {f3(ih['scrim_max'])}) | {f3(ih['alt_profanity_check'])} | {f3(ih['tox_block'])} |")
lp = m["long_prompt"]
print(f"| toxicity, tweet inside two benign prompts (~{lp['mean_words']:.0f} words) | human labels | | **{f3(lp['scrim'])}** | {f3(lp['alt_profanity_check'])} | |")
print()
print("| perturbation (test split, toxicity) | scrim AUC | drop | alt-profanity-check AUC | drop |")
print("|---|---|---|---|---|")
c = m["robustness"]["clean"]
print(f"| none | {f3(c['scrim'])} | | {f3(c['alt_profanity_check'])} | |")
for k, r in m["robustness"].items():
    if k != "clean":
        print(f"| {k} | {f3(r['scrim'])} | {r['scrim_drop']:+.3f} | {f3(r['alt_profanity_check'])} | {r['alt_profanity_check_drop']:+.3f} |")
print()
f, p = m["fairness"], m["fairness_alt_profanity_check"]
print("| fairness (toxicity, held-out identity templates) | scrim | alt-profanity-check |")
print("|---|---|---|")
print(f"| FPR, non-toxic sentences naming an identity (at warn {f['threshold']}) | {f3(f['fpr_identity'])} | {f3(p['fpr_identity'])} |")
print(f"| FPR, same sentences with a neutral adjective | {f3(f['fpr_control'])} | {f3(p['fpr_control'])} |")
print(f"| mean score, non-toxic with identity / control | {f3(f['mean_nontoxic_score_identity'])} / {f3(f['mean_nontoxic_score_control'])} | {f3(p['mean_nontoxic_score_identity'])} / {f3(p['mean_nontoxic_score_control'])} |")
for k in ["subgroup_auc", "bpsn_auc", "bnsp_auc"]:
    print(f"| {k.replace('_', ' ')} mean (min) | {f3(f[k])} ({f3(f['min_' + k])}) | {f3(p[k])} ({f3(p['min_' + k])}) |")
print("\nworst BPSN identities:", ", ".join(f"{g} {f3(r['bpsn_auc'])}" for g, r in f["worst_bpsn"].items()))
b = m["benign_prompts"]
print(f"\nbenign prompts (held-out, n={b['n']}): warn rate {b['warn_rate']:.4f}, block rate {b['block_rate']:.4f}")
print("thresholds:", json.dumps(m["thresholds"]))
