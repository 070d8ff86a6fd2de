"""Measure intake's masking and grouping on the labelled corpora in ``tests/intake_corpus/``.

Shared by ``tests/test_intake_corpus.py`` (which holds the bars: 100% recall on pii.tsv,
no false positive on ordinary.tsv, 100% merge precision on pairs.tsv) and
``benchmarks/intake.py`` (which prints the figures and times grouping on 5,000 rows).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from build_tools.core.settings import Paths
from build_tools.intake import model_aliases
from build_tools.intake.privacy import mask, normalise, strip_contact
from build_tools.intake.similar import Analyzer, Verdict, compare
from build_tools.site.content import load_content

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "intake_corpus"


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a corpus file as dicts keyed by its header (UTF-8, tab-separated, no quoting)."""
    lines = (CORPUS / name).read_text(encoding="utf-8").split("\n")
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:] if line.strip()]


@functools.cache
def dealer() -> tuple[Analyzer, tuple[str, ...]]:
    """The repository's own dealer vocabulary and models (read only): what a real run uses."""
    content, _ = load_content(Paths(root=REPO, docs_dir=REPO / "content", faq_dir=REPO / "faq"))
    aliases = model_aliases(content)
    analyzer = Analyzer(content.vocabulary, {alias: slug for slug, names in aliases.items() for alias in names})
    keep = tuple(sorted({*content.vocabulary.all_words(), *(a for names in aliases.values() for a in names)}))
    return analyzer, keep


def _survives(secret: str, masked: str) -> bool:
    """Whether any of ``secret`` is still readable in ``masked``: the whole, or 4+ of its digits/letters in a row."""
    secret = normalise(secret)
    if secret and secret in masked:
        return True
    core = re.sub(r"[^0-9A-Za-z\u3400-\u9fff]", "", secret)
    folded = re.sub(r"[^0-9A-Za-z\u3400-\u9fff]", "", masked)
    if len(core) < 4:
        return bool(core) and core in re.sub(r"【[^】]*】", "", masked) and not core.isascii()
    return any(core[i : i + 4] in folded for i in range(len(core) - 3) if re.search(r"[0-9A-Za-z]", core[i : i + 4]))


@dataclass
class MaskFigures:
    rows: int
    missed: list[tuple[str, str, str, str]]  # kind, text, masked, secret
    by_kind: dict[str, tuple[int, int]]  # kind -> (rows, missed)

    @property
    def recall(self) -> float:
        return 1 - len(self.missed) / self.rows if self.rows else 1.0


def measure_pii() -> MaskFigures:
    """Recall on pii.tsv: a row is caught when none of its secrets survives masking."""
    _, keep = dealer()
    missed = []
    by_kind: dict[str, list[int]] = {}
    rows = read_tsv("pii.tsv")
    for row in rows:
        masked, _ = mask(row["text"], keep)
        counts = by_kind.setdefault(row["kind"], [0, 0])
        counts[0] += 1
        bad = [s for s in row["secret"].split(" ||| ") if _survives(s, masked)]
        if bad:
            counts[1] += 1
            missed.append((row["kind"], row["text"], masked, " ||| ".join(bad)))
    return MaskFigures(len(rows), missed, {k: (v[0], v[1]) for k, v in sorted(by_kind.items())})


def measure_ordinary() -> tuple[int, list[tuple[str, str, str]]]:
    """False positives on ordinary.tsv: rows where a kept span does not survive masking unchanged."""
    _, keep = dealer()
    rows = read_tsv("ordinary.tsv")
    wrong = []
    for row in rows:
        masked, _ = mask(row["text"], keep)
        lost = [k for k in row["keep"].split(" ||| ") if normalise(k) not in masked]
        if lost:
            wrong.append((row["text"], masked, " ||| ".join(lost)))
    return len(rows), wrong


@dataclass
class PairFigures:
    same: int
    different: int
    merged_same: int
    merged_different: list[tuple[str, str, float, str]]
    missed_same: list[tuple[str, str, float, str]]
    uncertain: int

    @property
    def precision(self) -> float:
        merged = self.merged_same + len(self.merged_different)
        return self.merged_same / merged if merged else 1.0

    @property
    def recall(self) -> float:
        return self.merged_same / self.same if self.same else 1.0


def pair_verdicts() -> list[tuple[str, str, str, Verdict]]:
    """Each labelled pair with the verdict of intake's comparison (after the same cleaning a run does)."""
    analyzer, keep = dealer()
    out = []
    for row in read_tsv("pairs.tsv"):
        a = strip_contact(mask(row["a"], keep)[0])
        b = strip_contact(mask(row["b"], keep)[0])
        out.append((row["label"], row["a"], row["b"], compare(analyzer, a, b)))
    return out


def measure_pairs(threshold: float | None = None) -> PairFigures:
    """Precision and recall of merging on pairs.tsv at ``threshold`` (intake's own by default)."""
    figures = PairFigures(0, 0, 0, [], [], 0)
    for label, a, b, verdict in pair_verdicts():
        merged = verdict.merge if threshold is None else verdict.allowed and verdict.score >= threshold
        if label == "same":
            figures.same += 1
            if merged:
                figures.merged_same += 1
            else:
                figures.missed_same.append((a, b, verdict.score, verdict.reason))
        else:
            figures.different += 1
            if merged:
                figures.merged_different.append((a, b, verdict.score, verdict.reason))
        figures.uncertain += verdict.uncertain and not merged
    return figures
