"""Print the metric tables of models/toxicity.md from metrics.json (so the card is not hand-copied)."""
import json
import sys

m = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "metrics.json"))
f3 = lambda x: "n/a" if x != x else f"{x:.3f}"  # noqa: E731
print("| held-out test split | n (toxic) | scrim | alt-profanity-check | tox-block (teacher) | toxic-comment-classifier (teacher) | scrim − alt-profanity-check |")
print("|---|---|---|---|---|---|---|")
for s, r in m["test_auc_toxicity_per_set"].items():
    print(f"| {s} | {r['n']} ({r['positives']}) | **{f3(r['scrim'])}** | {f3(r['alt_profanity_check'])} | {f3(r['tox_block'])} | {f3(r['toxic_comment_classifier'])} | {r['scrim'] - r['alt_profanity_check']:+.3f} |")
print()
print("| label | truth on the test split | n (pos) | scrim | alt-profanity-check | tox-block (teacher) | toxic-comment-classifier (teacher) |")
print("|---|---|---|---|---|---|---|")
for l, r in m["test_auc"].items():
    print(f"| `{l}` | {r['truth']} | {r['n']} ({r['positives']}) | **{f3(r['scrim'])}** | {f3(r['alt_profanity_check'])} | {f3(r['tox_block'])} | {f3(r['toxic_comment_classifier'])} |")
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
print()
print("| neutral-statement gap: mean toxicity, identity − same sentence with a neutral adjective | scrim | alt-profanity-check |")
print("|---|---|---|")
for k, what in [("neutral_gap", "fairness_eval frames (validation since 2026-12-03)"), ("neutral_gap_fresh", "fresh frames (held out, scored once)")]:
    ng = m[k]
    print(f"| {what}: largest gap | {ng['scrim']['max_gap']:+.3f} ({ng['scrim']['worst_identity']}) | {ng['alt_profanity_check']['max_gap']:+.3f} ({ng['alt_profanity_check']['worst_identity']}) |")
    print(f"| {what}: non-toxic sentences warned (scrim at warn, peer at 0.5) | {ng['scrim']['nontoxic_warn_rate']:.3f} | {ng['alt_profanity_check']['nontoxic_warn_rate']:.3f} |")
worst = sorted(m["neutral_gap_fresh"]["scrim"]["per_identity"].items(), key=lambda kv: -kv[1])[:5]
print("\nlargest scrim gaps on the fresh frames:", ", ".join(f"{g} {v:+.3f}" for g, v in worst))
print()
print("| neutral sentences about groups (plural nouns: immigrants, muslims...) | n | scrim mean toxicity | warned (toxicity) | warned (identity_attack) | alt-profanity-check mean |")
print("|---|---|---|---|---|---|")
for k, what in [("group_neutral", "eval frames about the training groups (validation since 2026-12-03)"), ("group_neutral_fresh", "fresh frames, training and eval groups (held out)")]:
    g = m[k]
    print(f"| {what} | {g['n']} | {g['mean_toxicity']:.3f} | {g['warn_rate_toxicity']:.3f} | {g['warn_rate_identity_attack']:.3f} | {g['alt_profanity_check_mean']:.3f} |")
print()
fi = m["fairness_identity_sets"]
print(f"Conversation AI held-out frames and Wikipedia comments, groups with >= 100 test rows ({len(fi['groups'])}):")
print()
print("| identity sets (toxicity) | scrim | alt-profanity-check | tox-block | toxic-comment-classifier |")
print("|---|---|---|---|---|")
for k in ["subgroup_auc", "bpsn_auc", "bnsp_auc"]:
    cells = " | ".join(f"{f3(fi[n][k])} (min {f3(fi[n]['min_' + k])})" for n in ["scrim", "alt_profanity_check", "tox_block", "toxic_comment_classifier"])
    print(f"| {k.replace('_', ' ')} mean (min) | {cells} |")
low = sorted(fi["scrim"]["per_identity"].items(), key=lambda kv: kv[1]["subgroup_auc"])[:5]
print("\nlowest scrim subgroup AUC:", ", ".join(f"{g} {f3(r['subgroup_auc'])} (n={fi['groups'][g]})" for g, r in low))
b = m["benign_prompts"]
print(f"\nbenign prompts (held-out, n={b['n']}): warn rate {b['warn_rate']:.4f}, block rate {b['block_rate']:.4f}")
print("thresholds:", json.dumps(m["thresholds"]))
