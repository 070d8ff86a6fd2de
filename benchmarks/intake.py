"""Intake's figures on the labelled corpora, and the cost of masking and grouping 5,000 rows.

Run by hand (a few seconds):

    .venv/bin/python benchmarks/intake.py [--rows 5000] [--misses]

Prints recall on ``tests/intake_corpus/pii.tsv``, false positives on ``ordinary.tsv``,
precision and recall of merging on ``pairs.tsv`` at several thresholds (the one intake
uses is marked), then the time to mask and group ``--rows`` questions drawn from the
corpora (with random contact details appended, as web forms collect them) against a growing set of drafts, as a real run does.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from intake_measure import dealer, measure_ordinary, measure_pairs, measure_pii, read_tsv

from build_tools.intake import similar
from build_tools.intake.privacy import mask, strip_contact


def figures(show_misses: bool) -> None:
    pii = measure_pii()
    print(f"pii.tsv       {pii.rows} rows: recall {pii.recall:.1%} ({len(pii.missed)} missed)")
    for kind, (rows, missed) in pii.by_kind.items():
        print(f"    {kind:10} {rows:3} rows, {missed} missed")
    rows, wrong = measure_ordinary()
    print(f"ordinary.tsv  {rows} rows: {len(wrong)} false positives")
    print("pairs.tsv     threshold  precision  recall  wrong merges")
    for threshold in (0.0, 0.3, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9):
        f = measure_pairs(threshold)
        mark = "  <- intake" if threshold == similar.THRESHOLD else ""
        print(f"              {threshold:9.2f}  {f.precision:9.1%}  {f.recall:6.1%}  {len(f.merged_different):12}{mark}")
    if show_misses:
        for a, b, score, reason in measure_pairs().missed_same:
            print(f"    not merged: {a} | {b}  {score:.2f} {reason}")


def cost(count: int) -> None:
    analyzer, keep = dealer()
    rng = random.Random(12)
    texts = [r["text"] for r in read_tsv("pii.tsv")] + [r["text"] for r in read_tsv("ordinary.tsv")]
    texts += [t for r in read_tsv("pairs.tsv") for t in (r["a"], r["b"])]
    noise = ["", "，电话1{}{:09d}", " 微信 car_fan{}{:04d}", "，我是张伟，麻烦回电1{}{:09d}"]
    rows = [rng.choice(texts) + rng.choice(noise).format(rng.choice("3589"), rng.randrange(10**4)) for _ in range(count)]
    analyzer.words("预热")  # load jieba's dictionary outside the timing (about a second, once per run)
    started = time.perf_counter()
    cleaned = [strip_contact(mask(text, keep)[0]) for text in rows]
    masked = time.perf_counter()
    matcher = similar.Matcher(analyzer)
    merged = drafts = 0
    for number, question in enumerate(cleaned):
        match, _ = matcher.lookup(question)
        if match is None:
            matcher.add(number, question)
            drafts += 1
        else:
            merged += 1
    grouped = time.perf_counter()
    print(f"{count} rows: masking {masked - started:.2f} s, grouping {grouped - masked:.2f} s "
          f"({(grouped - masked) / count * 1000:.2f} ms a row; {drafts} drafts, {merged} merged)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--misses", action="store_true", help="list the same-question pairs that were not merged")
    args = parser.parse_args()
    figures(args.misses)
    cost(args.rows)


if __name__ == "__main__":
    main()
