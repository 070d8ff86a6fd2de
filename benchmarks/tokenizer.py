"""jieba against its candidate replacements, measured on our own texts (issue 13).

Run by hand (about two minutes; each candidate that is not installed is skipped with one line)::

    .venv/bin/pip install rjieba==0.2.2 jieba-next==1.0.0rc1 jieba-fast-dat==0.59   # into your venv only
    .venv/bin/python benchmarks/tokenizer.py [--answers 5000] [--no-search] [--wheels]

Prints, for jieba and each candidate:

1. API: what our three uses need (own tokenizer with added words and frequencies, cut with and
   without HMM, offsets, POS tags, a dictionary word's tag, a word's frequency) and what is missing.
2. Same answers: the texts of faq/, content/, blog/ (bodies) and tests/intake_corpus/ segmented
   the way search (``segment.word_bounds``) and intake (``Analyzer.tokenizer``) do, with the
   same vocabulary: % of texts with identical boundaries, also without HMM.
3. Quality: intake's labelled corpora (PII recall, false positives, merge precision/recall) and
   search's held-out top-3 rate (a real build of the sample site) with the candidate swapped in.
   The swap is done in this process only (the module attributes that hold the tokenizers are
   replaced while measuring); nothing in build_tools/ changes.
4. Speed and memory, each in a fresh process: import, dictionary load with an empty and with a
   warm dictionary cache, adding the vocabulary, segmenting ``--answers`` synthetic FAQ answers
   (benchmarks/build.py's generator) as the search index does, peak RSS.
5. Packaging: warnings on import (``-W error``), and with ``--wheels`` which wheels PyPI has
   (``pip download --only-binary``) for CPython 3.11–3.13 on manylinux x86_64 and aarch64.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import importlib
import importlib.metadata
import importlib.util
import json
import logging
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
FREQ = 100_000  # the frequency segment.py and vocabulary.py give dealer words


# --- the candidates, each behind jieba's own interface --------------------------------------
# What our code calls: Tokenizer().add_word(word, freq=), .cut(text, HMM=), .tokenize(text),
# .FREQ.get(word) (similar.py), and jieba.posseg.dt.word_tag_tab.get(word, default) (privacy.py).


class _Lookup:
    """``.get(word, default)`` over a function (for the dict-shaped things our code reads)."""

    def __init__(self, find: Callable[[str], Any]) -> None:
        self.find = find

    def get(self, word: str, default: Any = None) -> Any:
        found = self.find(word)
        return default if found is None else found


class _RJieba:
    """rjieba's ``Jieba`` shaped like ``jieba.Tokenizer`` (what a switch would write once)."""

    def __init__(self) -> None:
        import rjieba

        self.jieba = rjieba.Jieba()
        self.FREQ = _Lookup(lambda word: 1 if self.jieba.has_word(word) else None)

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        self.jieba.add_word(word, freq, tag)

    def cut(self, text: str, HMM: bool = True) -> list[str]:
        return self.jieba.cut(text, HMM)

    def tokenize(self, text: str, HMM: bool = True) -> list[tuple[str, int, int]]:
        return self.jieba.tokenize(text, "default", HMM)

    def tag_of(self, word: str) -> str | None:
        """A dictionary word's tag: rjieba has no table, but tags a lone dictionary word with it."""
        if not self.jieba.has_word(word):
            return None
        tags = self.jieba.tag(word, False)
        return tags[0][1] if len(tags) == 1 else None


class _FastDat:
    """jieba_fast_dat's Tokenizer with the ``FREQ`` and tag table it lacks."""

    def __init__(self) -> None:
        import jieba_fast_dat
        import jieba_fast_dat.posseg

        self.tokenizer = jieba_fast_dat.Tokenizer()
        self.tokenizer.initialize()
        self.FREQ = _Lookup(lambda word: self.tokenizer.get_freq(word) or None)
        self._pos = jieba_fast_dat.posseg.POSTokenizer(self.tokenizer)

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        self.tokenizer.add_word(word, freq, tag)

    def cut(self, text: str, HMM: bool = True) -> list[str]:
        return list(self.tokenizer.cut(text, HMM=HMM))

    def tokenize(self, text: str, HMM: bool = True) -> list[tuple[str, int, int]]:
        return list(self.tokenizer.tokenize(text, HMM=HMM))

    def tag_of(self, word: str) -> str | None:
        if not self.tokenizer.get_freq(word):
            return None
        tags = self._pos.lcut(word, HMM=False)
        return tags[0].flag if len(tags) == 1 else None


@dataclass(frozen=True)
class Backend:
    name: str  # the distribution on PyPI
    module: str
    missing: str  # what our uses need that it lacks (read from its API; see the module docstring)

    def available(self) -> bool:
        return importlib.util.find_spec(self.module) is not None

    @property
    def version(self) -> str:
        return importlib.metadata.version(self.name)

    def quiet(self) -> None:
        """Silence the 'Building prefix dict' lines on stderr (no deprecated call: see packaging)."""
        for logger in ("jieba", "jieba_next", "jieba_fast_dat"):
            logging.getLogger(logger).setLevel(logging.WARNING)
        if self.module == "jieba":
            import jieba

            jieba.setLogLevel(logging.WARNING)

    def tokenizer(self) -> Any:
        """A fresh tokenizer of its own with the default dictionary, jieba's interface."""
        self.quiet()
        if self.module == "rjieba":
            return _RJieba()
        if self.module == "jieba_fast_dat":
            return _FastDat()
        module = importlib.import_module(self.module)
        tokenizer = module.Tokenizer()
        tokenizer.initialize()
        return tokenizer

    @functools.cached_property
    def tags(self) -> Any:
        """The dictionary's word → part of speech (privacy.py reads ``nr``, a person's name)."""
        self.quiet()
        if self.module in {"jieba", "jieba_next"}:
            posseg = importlib.import_module(self.module + ".posseg")
            posseg.dt.initialize()
            return posseg.dt.word_tag_tab
        return _Lookup(self.tokenizer().tag_of)


BACKENDS = [
    Backend("jieba", "jieba", "—"),
    Backend("rjieba", "rjieba", "no word→tag table (emulated: tag a lone dictionary word), no FREQ (has_word), no log level, positional add_word"),
    Backend("jieba-next", "jieba_next", "— (setLogLevel deprecated → set_log_level); pre-release 1.0.0rc1"),
    Backend("jieba-fast-dat", "jieba_fast_dat", "no FREQ (get_freq), no posseg word_tag_tab (emulated)"),
]


@contextlib.contextmanager
def swapped(backend: Backend) -> Iterator[None]:
    """Our tokenizers made by ``backend`` while the block runs (this process only)."""
    from build_tools import vocabulary
    from build_tools.intake import privacy, similar
    from build_tools.search import segment

    def vocabulary_tokenizer(self: vocabulary.Vocabulary) -> Any:
        tokenizer = backend.tokenizer()
        for word in self.all_words():
            tokenizer.add_word(word, freq=FREQ)
        return tokenizer

    @functools.cache
    def search_tokenizer(words: tuple[str, ...]) -> Any:
        tokenizer = backend.tokenizer()
        for word in words:
            tokenizer.add_word(word, freq=FREQ)
        return tokenizer

    saved = (vocabulary.Vocabulary.tokenizer, segment._tokenizer, privacy._word_tags, dict(similar._TOKENIZERS))
    vocabulary.Vocabulary.tokenizer = vocabulary_tokenizer  # type: ignore[method-assign]
    segment._tokenizer = search_tokenizer
    privacy._word_tags = lambda: backend.tags  # type: ignore[assignment]
    similar._TOKENIZERS.clear()
    analyzer, _ = _dealer()
    analyzer._tokenizer = None
    try:
        yield
    finally:
        vocabulary.Vocabulary.tokenizer, segment._tokenizer, privacy._word_tags = saved[:3]  # type: ignore[method-assign]
        similar._TOKENIZERS.clear()
        similar._TOKENIZERS.update(saved[3])
        analyzer._tokenizer = None


def _dealer() -> Any:
    from intake_measure import dealer

    return dealer()


# --- 2. same answers ----------------------------------------------------------------------------


def our_texts() -> list[str]:
    """Bodies of faq/, content/, blog/ Markdown (front matter left out) and the intake corpora's texts."""
    from intake_measure import read_tsv

    texts = []
    for folder in ("faq", "content", "blog"):
        for path in sorted((REPO / folder).rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            if text.startswith("---\n"):
                text = text.split("\n---\n", 1)[-1]
            texts.append(text)
    texts += [r["text"] for name in ("pii.tsv", "ordinary.tsv") for r in read_tsv(name)]
    texts += [t for r in read_tsv("pairs.tsv") for t in (r["a"], r["b"])]
    return texts


def segmentations(texts: list[str], hmm: bool) -> dict[str, list[Any]]:
    """Per text: search's word ends (normalized text, its lexicon) and intake's words (its tokenizer)."""
    from build_tools.search import segment
    from build_tools.search.normalize import normalize

    analyzer, _ = _dealer()
    lexicon = segment.Lexicon.from_vocabulary(analyzer.vocabulary)
    search = segment._tokenizer(tuple(sorted(lexicon.concepts)))
    intake = analyzer.tokenizer
    normalized = [normalize(t) for t in texts]
    bounds = [sorted(end for _, _, end in search.tokenize(t, HMM=hmm)) for t in normalized]
    words = [list(intake.cut(t, HMM=hmm)) for t in texts]
    return {
        "search": bounds,
        "intake": words,
        # Search weighs only bigrams of Chinese characters by the bounds (Latin and digits are
        # tokens of its own regex), so a boundary between two Chinese characters is what counts.
        "search_cjk": [[e for e in b if 0 < e < len(t) and _CJK.match(t[e - 1]) and _CJK.match(t[e])] for b, t in zip(bounds, normalized)],
        "intake_cjk": [[w for w in ws if _CJK.search(w)] for ws in words],
    }


# --- 3. quality ---------------------------------------------------------------------------------


def intake_quality() -> dict[str, float]:
    from intake_measure import measure_ordinary, measure_pairs, measure_pii

    pii = measure_pii()
    _, wrong = measure_ordinary()
    pairs = measure_pairs()
    return {"pii_recall": pii.recall, "pii_missed": len(pii.missed), "false_pos": len(wrong), "precision": pairs.precision, "recall": pairs.recall}


def search_quality(backend: Backend) -> tuple[float, str]:
    """Top-3 hit rate of the held-out queries on a real build of the sample site, ``backend`` segmenting, and the index's digest."""
    from conftest import copy_site
    from search_queries import HELD_OUT

    from build_tools.search import Searcher

    with tempfile.TemporaryDirectory() as tmp:
        root = copy_site(REPO, Path(tmp) / "repo")
        code = f"import sys; sys.argv = ['mkdocs', 'build', '--strict', '-q', '-f', {str(root / 'mkdocs.yml')!r}]\n"
        # Kept in a name: a context manager left to the garbage collector would close, undoing the swap.
        code += f"import tokenizer; swap = tokenizer.swapped(tokenizer.by_name({backend.name!r})); swap.__enter__()\n"
        code += "from mkdocs.__main__ import cli; cli()"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(Path(__file__).parent)}
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600)
        if result.returncode:
            raise SystemExit(f"build with {backend.name} failed:\n{result.stderr[-2000:]}")
        folder = root / "site" / "assets" / "dealer" / "search-index"
        digest = hashlib.sha256()
        for path in sorted(folder.rglob("*.json")):
            digest.update(path.read_bytes())
        searcher = Searcher.from_folder(folder)
        hits = sum(expected in [hit.url for hit in searcher.search(query, 3)] for query, expected in HELD_OUT)
        return hits / len(HELD_OUT), digest.hexdigest()


# --- 4. speed -----------------------------------------------------------------------------------


def _memory_mb(field: str = "VmRSS") -> float:
    """This process's resident memory now (``VmRSS``) or at its highest so far (``VmHWM``), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def speed(backend: Backend, answers: int) -> dict[str, float]:
    """In this (fresh) process: import, load, add the vocabulary, segment ``answers`` FAQ answers."""
    spec = importlib.util.spec_from_file_location("bench_build", Path(__file__).with_name("build.py"))
    assert spec and spec.loader
    bench_build = importlib.util.module_from_spec(spec)
    sys.modules["bench_build"] = bench_build  # its dataclasses look their module up
    spec.loader.exec_module(bench_build)
    from build_tools.search import segment
    from build_tools.search.normalize import normalize

    rng = random.Random(7)
    texts = [normalize(bench_build.answer(rng)) for _ in range(answers)]
    analyzer, _ = _dealer()
    words = tuple(sorted(segment.Lexicon.from_vocabulary(analyzer.vocabulary).concepts))
    base = _memory_mb()
    started = time.perf_counter()
    importlib.import_module(backend.module)
    imported = time.perf_counter()
    tokenizer = backend.tokenizer()
    loaded = time.perf_counter()
    for word in words:
        tokenizer.add_word(word, freq=FREQ)
    added = time.perf_counter()
    loaded_rss = _memory_mb() - base
    for text in texts:
        {end for _, _, end in tokenizer.tokenize(text)}  # what segment.word_bounds does
    done = time.perf_counter()
    chars = sum(map(len, texts))
    peak = _memory_mb("VmHWM") - base
    return {"import": imported - started, "load": loaded - imported, "add": added - loaded, "cut": done - added, "chars": chars, "rss_loaded": loaded_rss, "rss_peak": peak, "words": len(words)}


def speed_in_fresh_processes(backend: Backend, answers: int) -> tuple[dict[str, float], dict[str, float]]:
    """Cold (empty dictionary cache) and warm (the cache the cold run wrote) runs, each its own process."""
    with tempfile.TemporaryDirectory() as cache:
        # jieba and jieba_fast_dat cache their prefix dictionary in the temporary folder, jieba_next in its own.
        env = {**os.environ, "TMPDIR": cache, "JIEBA_NEXT_CACHE_DIR": cache, "XDG_CACHE_HOME": cache}
        runs = []
        for _ in range(2):
            out = subprocess.run([sys.executable, __file__, "--speed-of", backend.name, "--answers", str(answers)], env=env, capture_output=True, text=True, timeout=600, check=True).stdout
            runs.append(json.loads(out.splitlines()[-1]))
        return runs[0], runs[1]


# --- 5. packaging -------------------------------------------------------------------------------


def import_warnings(backend: Backend) -> str:
    """What ``python -W error -c 'import X; X.setLogLevel(...)'`` says (our code calls setLogLevel)."""
    posseg = f"import {backend.module}.posseg; " if backend.module != "rjieba" else ""
    calls = f"{backend.module}.setLogLevel(30)" if backend.module != "rjieba" else "pass"
    code = f"import {backend.module}; {posseg}{calls}"
    result = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True, text=True)
    return "none" if result.returncode == 0 else result.stderr.strip().splitlines()[-1][:90]


def _setuptools() -> str:
    """The setuptools beside us: jieba imports ``pkg_resources`` when there is one (setuptools < 81 has it)."""
    try:
        return importlib.metadata.version("setuptools")
    except importlib.metadata.PackageNotFoundError:
        return "none"


def wheels(backend: Backend) -> str:
    """Which of CPython 3.11–3.13 × manylinux x86_64/aarch64 have a wheel on the index."""
    have = []
    for arch in ("x86_64", "aarch64"):
        for py in ("311", "312", "313"):
            with tempfile.TemporaryDirectory() as dest:
                platforms = [f"--platform=manylinux_2_{n}_{arch}" for n in (17, 28)] + [f"--platform=manylinux2014_{arch}"]
                result = subprocess.run(
                    [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:", f"--python-version={py}", *platforms, "-d", dest, f"{backend.name}=={backend.version}"],
                    capture_output=True,
                    text=True,
                )
                if result.returncode == 0:
                    have.append(f"{py[0]}.{py[1:]}/{arch[:3]}")
    return ", ".join(have) or "none (sdist only: built at install, setuptools in pip's build env)"


# --- report -------------------------------------------------------------------------------------


def by_name(name: str) -> Backend:
    return next(b for b in BACKENDS if b.name == name)


def same_share(ours: list[Any], theirs: list[Any]) -> str:
    same = sum(a == b for a, b in zip(ours, theirs))
    return f"{same / len(ours):.1%}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--answers", type=int, default=5000, help="synthetic FAQ answers to segment for speed")
    parser.add_argument("--no-search", action="store_true", help="skip the search quality builds (~10 s each)")
    parser.add_argument("--wheels", action="store_true", help="ask the index which wheels exist (pip download)")
    parser.add_argument("--speed-of", help=argparse.SUPPRESS)  # internal: one speed run in this process
    args = parser.parse_args()
    if args.speed_of:
        print(json.dumps(speed(by_name(args.speed_of), args.answers)))
        return

    if not BACKENDS[0].available():
        raise SystemExit("jieba is the reference every figure is compared with: .venv/bin/pip install jieba")
    backends = []
    for backend in BACKENDS:
        if backend.available():
            backends.append(backend)
        else:
            print(f"{backend.name}: not installed, skipped (.venv/bin/pip install {backend.name})")
    texts = our_texts()
    print(f"texts: {len(texts)} (faq/, content/, blog/ bodies and tests/intake_corpus/ rows), {sum(map(len, texts)):,} characters\n")

    results: dict[str, dict[str, Any]] = {}
    for backend in backends:
        row: dict[str, Any] = {"version": backend.version}
        reference = BACKENDS[0].tags  # jieba's own table: what privacy.py reads today
        names = [w for w, tag in reference.items() if tag.startswith("nr")]
        row["tags_same"] = sum(backend.tags.get(w) == reference[w] for w in reference) / len(reference)
        row["nr_same"] = sum(backend.tags.get(w) == reference[w] for w in names) / len(names)
        with swapped(backend):
            row["seg"] = segmentations(texts, hmm=True)
            row["seg_nohmm"] = segmentations(texts, hmm=False)
            row.update(intake_quality())
        row["top3"], row["index"] = (None, None) if args.no_search else search_quality(backend)
        row["cold"], row["warm"] = speed_in_fresh_processes(backend, args.answers)
        row["cut"] = min(row["cold"]["cut"], row["warm"]["cut"])  # a shared 2-core machine drifts: keep the faster
        row["chars"] = row["warm"]["chars"]
        row["warnings"] = import_warnings(backend)
        row["wheels"] = wheels(backend) if args.wheels else "(--wheels)"
        results[backend.name] = row

    jieba_row = results["jieba"]
    print("1. API our uses need   missing")
    for backend in backends:
        print(f"   {backend.name:15} {backend.missing}")
    print("\n2-4.", " | ".join(f"{b.name} {results[b.name]['version']}" for b in backends))
    lines: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("same boundaries as jieba, search (HMM)", lambda r: same_share(jieba_row["seg"]["search"], r["seg"]["search"])),
        ("same boundaries as jieba, search (no HMM)", lambda r: same_share(jieba_row["seg_nohmm"]["search"], r["seg_nohmm"]["search"])),
        ("  … boundaries between Chinese characters", lambda r: same_share(jieba_row["seg"]["search_cjk"], r["seg"]["search_cjk"])),
        ("same words as jieba, intake (HMM)", lambda r: same_share(jieba_row["seg"]["intake"], r["seg"]["intake"])),
        ("  … Chinese words only (HMM)", lambda r: same_share(jieba_row["seg"]["intake_cjk"], r["seg"]["intake_cjk"])),
        ("same words as jieba, intake (no HMM)", lambda r: same_share(jieba_row["seg_nohmm"]["intake"], r["seg_nohmm"]["intake"])),
        ("dictionary word → tag as jieba's: all / nr", lambda r: f"{r['tags_same']:.1%} / {r['nr_same']:.1%}"),
        ("PII recall (pii.tsv)", lambda r: f"{r['pii_recall']:.1%} ({r['pii_missed']} missed)"),
        ("false positives (ordinary.tsv)", lambda r: str(r["false_pos"])),
        ("merge precision / recall (pairs.tsv)", lambda r: f"{r['precision']:.1%} / {r['recall']:.1%}"),
        ("search top-3 (held-out queries)", lambda r: "-" if r["top3"] is None else f"{r['top3']:.1%}"),
        ("  … index the same bytes as jieba's", lambda r: "-" if r["index"] is None else "yes" if r["index"] == jieba_row["index"] else "no"),
        ("import", lambda r: f"{r['warm']['import'] * 1000:.0f} ms"),
        ("dictionary load, cold / warm cache", lambda r: f"{r['cold']['load']:.2f} s / {r['warm']['load']:.2f} s"),
        ("add vocabulary words", lambda r: f"{r['warm']['add'] * 1000:.0f} ms ({r['warm']['words']:.0f})"),
        (f"segment {args.answers} FAQ answers (best of 2)", lambda r: f"{r['cut']:.2f} s ({r['chars'] / r['cut'] / 1e6:.2f} M chars/s)"),
        ("memory: import + load / peak (MB)", lambda r: f"{r['warm']['rss_loaded']:.0f} / {r['warm']['rss_peak']:.0f}"),
        (f"warnings on import (-W error; setuptools {_setuptools()})", lambda r: r["warnings"]),
        ("wheels (CPython/arch)", lambda r: r["wheels"]),
    ]
    for label, cell in lines:
        print(f"   {label:42} " + " | ".join(cell(results[b.name]) for b in backends))


if __name__ == "__main__":
    main()
