"""Field accuracy per document type and confidence calibration, on cached OCR.

    python bench/extract_accuracy.py [--truth DIR] [--cache /tmp/ocr-cache] [--synthetic] [-v]

Reads ``<cache>/<id>.json`` (a ``sohoa.models.ocr.Document`` dumped by
``ocr_document``) for every ``<id>.truth.json``; with ``--synthetic`` builds the
Document from the truth's ``text_lines`` instead.  Matching uses score.py's
``field_match`` (imported from its path), so numbers agree with the scorer.
"""
from __future__ import annotations

import argparse
import glob
import importlib.util
import json
import os
import sys
from collections import defaultdict

from sohoa.extractors.common.synth import document_from_lines
from sohoa.extractors.registry import extract_document, split_documents
from sohoa.models.ocr import Document

SCORE_PY = "/work/shared/eval/score.py"
BUCKETS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.01)


def load_scorer(path: str = SCORE_PY):
    spec = importlib.util.spec_from_file_location("sohoa_eval_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_doc(truth: dict, cache: str, synthetic: bool) -> Document | None:
    if synthetic:
        return document_from_lines(truth["text_lines"])
    path = os.path.join(cache, truth["id"] + ".json")
    if not os.path.exists(path):
        return None
    return Document.model_validate_json(open(path, encoding="utf-8").read())


def predict(doc: Document):
    groups = split_documents(doc)
    first = Document(pages=[p for p in doc.pages if p.number in groups[0]]) if groups else doc
    return extract_document(first)


def run(args) -> dict:
    scorer = load_scorer(args.score_py)
    per_type = defaultdict(lambda: [0, 0])
    types_ok = [0, 0]
    calib = defaultdict(lambda: [0, 0])
    misses = []
    for tpath in sorted(glob.glob(os.path.join(args.truth, "*.truth.json"))):
        truth = json.load(open(tpath, encoding="utf-8"))
        if args.types and truth["doc_type"] not in args.types:
            continue
        doc = load_doc(truth, args.cache, args.synthetic)
        if doc is None:
            continue
        ex = predict(doc)
        types_ok[0] += ex.doc_type == truth["doc_type"]
        types_ok[1] += 1
        for key, tf in truth["fields"].items():
            pf = ex.fields.get(key)
            present, ok = scorer.field_match(tf, pf.model_dump() if pf else None, key)
            per_type[truth["doc_type"]][0] += ok
            per_type[truth["doc_type"]][1] += 1
            if present:
                b = max(i for i, lo in enumerate(BUCKETS[:-1]) if pf.confidence >= lo)
                calib[b][0] += ok
                calib[b][1] += 1
            if not ok:
                misses.append((truth["id"], key, tf.get("value"), pf.value if pf else None,
                               pf.confidence if pf else None))
    return {"per_type": dict(per_type), "types": types_ok, "calib": dict(calib), "misses": misses}


def report(res: dict, verbose: bool) -> None:
    total = [sum(v[0] for v in res["per_type"].values()), sum(v[1] for v in res["per_type"].values())]
    print(f"{'type':24} {'fields':>9} {'accuracy':>9}")
    for t, (ok, n) in sorted(res["per_type"].items()):
        print(f"{t:24} {ok:4d}/{n:<4d} {100 * ok / n:8.1f}%")
    if total[1]:
        print(f"{'ALL':24} {total[0]:4d}/{total[1]:<4d} {100 * total[0] / total[1]:8.1f}%")
    ok, n = res["types"]
    if n:
        print(f"doc_type accuracy: {ok}/{n} = {100 * ok / n:.1f}%")
    print("calibration (confidence bucket: share correct of fields output)")
    for b in sorted(res["calib"]):
        ok, n = res["calib"][b]
        print(f"  [{BUCKETS[b]:.2f}, {min(BUCKETS[b + 1], 1.0):.2f}{']' if b == len(BUCKETS) - 2 else ')'}:"
              f" {ok:4d}/{n:<4d} {100 * ok / n:6.1f}%")
    if verbose:
        for m in res["misses"]:
            print("  MISS", *m)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--truth", default="/work/shared/data/dev-scans")
    ap.add_argument("--cache", default="/tmp/ocr-cache")
    ap.add_argument("--score-py", default=SCORE_PY)
    ap.add_argument("--synthetic", action="store_true", help="build Documents from truth text_lines")
    ap.add_argument("--types", nargs="*", help="only these doc types")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every mismatch")
    args = ap.parse_args(argv)
    report(run(args), args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
