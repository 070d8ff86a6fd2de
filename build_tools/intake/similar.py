"""Chinese-aware "same question?" test for de-duplicating customer questions.

A question becomes a set of features:

* its **words**, segmented by jieba with the dealer vocabulary (so 欧蓝德, 首保, 落地价 stay
  whole) and replaced by the first word of their synonym group (维护 → 保养, 按揭 → 贷款);
  particles and greetings (的, 吗, 请问, 你好 …) and punctuation are dropped, and A-not-A
  questions are reduced to the verb (能不能 → 能, 高不高 → 高);
* vehicle model names, however written (欧蓝德, Outlander, 劲炫, ASX), become one word per
  model (``@outlander``), so 劲炫油耗高吗 and ASX油耗高吗 are the same question;
* the **character bigrams** inside each canonical word that is not a vocabulary word, which
  soften jieba's segmentation differences (多少钱 vs 多少 + 钱).

Text is first made half-width, lower-case and simplified (繁體 → 简体).

The score of two questions is the cosine similarity of their feature sets,
``|A ∩ B| / sqrt(|A| · |B|)``, between 0 and 1. Two questions are the same when the score
is at least :data:`THRESHOLD` (0.8) **and** they do not name different vehicle models
(欧蓝德油耗多少 and 奕歌油耗多少 are different questions, however similar the words).
0.8 was chosen on the test corpus in ``tests/test_intake.py``: rephrasings with particles,
punctuation, synonyms or word order changed score 0.8–1.0; different questions on the
same topic (首保多少钱 / 首保多少公里, 可以上门试驾吗 / 上门试驾收费吗) score below 0.7.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..vocabulary import Vocabulary

if TYPE_CHECKING:
    import jieba

THRESHOLD = 0.8

STOPWORDS = frozenset(
    "的 了 吗 呢 啊 吧 呀 哦 嘛 么 呗 哈 嗯 啦 诶 请问 问下 问一下 一下 想 想问 想知道 咨询 你好 您好 你们 您 我 我们 我的 "
    "是 就 都 还 也 又 和 与 及 跟 这个 那个 这 那 个 一个 请 麻烦 谢谢 下 "
    "要 需要 能 能不能 可以 可不可以 会 得 有没有".split()
)
_WORD = re.compile(r"\w", re.UNICODE)
_A_NOT_A = re.compile(r"([\u4e00-\u9fff])[不没]\1")
_TOKENIZERS: dict[tuple[str, ...], jieba.Tokenizer] = {}
_PERSONAL = re.compile(
    r"(?:(?:我的|我|加我|本人|联系|请联系|我家)?(?:手机号?码?|电话号?码?|座机|联系方式|邮箱|e-?mail|微信号?|vx|wx|qq号?|"
    r"车牌号?码?|车架号?|vin码?|身份证号?码?|号码|卡号)(?:是|为)?\s*[:：]?\s*)?【[^】]*】"
)


def _simplify(text: str) -> str:
    try:
        from hanziconv import HanziConv
    except ImportError:  # pragma: no cover - hanziconv is a declared dependency
        return text
    return HanziConv.toSimplified(text)


@dataclass
class Analyzer:
    """Turns a question into canonical words and features, with the dealer vocabulary.

    ``models`` maps each way of writing a vehicle model (lower case: 欧蓝德, outlander,
    asx) to its slug; all of them become the one word ``@slug``.
    """

    vocabulary: Vocabulary
    models: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._tokenizer: jieba.Tokenizer | None = None
        self._known = frozenset(self.vocabulary.canonical(w).casefold() for w in self.vocabulary.all_words())

    @property
    def tokenizer(self) -> jieba.Tokenizer:
        if self._tokenizer is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict" chatter on stderr
            # Loading jieba's dictionary takes about a second: reuse a tokenizer built
            # for the same words earlier in this process.
            key = (*self.vocabulary.all_words(), "\0", *sorted(self.models))
            if key not in _TOKENIZERS:
                tokenizer = self.vocabulary.tokenizer()
                for alias in self.models:
                    tokenizer.add_word(alias, freq=100_000)
                _TOKENIZERS[key] = tokenizer
            self._tokenizer = _TOKENIZERS[key]
        return self._tokenizer

    def words(self, question: str) -> list[str]:
        """Canonical content words of ``question``, in order."""
        text = _simplify(unicodedata.normalize("NFKC", question)).casefold()
        # Masked personal data carries no meaning for matching: drop each placeholder with
        # the words that introduce it (我的电话【手机号】, 车牌【车牌号】).
        text = _PERSONAL.sub(" ", text)
        # A-not-A questions ask the same as the plain verb: 能不能 → 能, 高不高 → 高, 有没有 → 有.
        text = _A_NOT_A.sub(r"\1", text.replace("可不可以", "可以"))
        words = []
        for token in self.tokenizer.cut(text):
            token = token.strip()
            if not token or not _WORD.search(token) or token in STOPWORDS:
                continue
            word = self.vocabulary.canonical(token).casefold()
            words.append(f"@{self.models[word]}" if word in self.models else word)
        return words

    def features(self, question: str) -> frozenset[str]:
        """Words plus character bigrams of the canonical text."""
        words = self.words(question)
        # Vocabulary words are already exact units; their bigrams would only add noise.
        bigrams = {w[i : i + 2] for w in words if w not in self._known and not w.startswith("@") for i in range(len(w) - 1)}
        return frozenset({f"w:{w}" for w in words} | {f"b:{b}" for b in bigrams})


def score(a: frozenset[str], b: frozenset[str]) -> float:
    """Cosine similarity of two feature sets, 0..1."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


@dataclass(frozen=True)
class Match:
    key: Hashable
    score: float


class Matcher:
    """Known questions, indexed by feature so each lookup only scores questions sharing one."""

    def __init__(self, analyzer: Analyzer, threshold: float = THRESHOLD) -> None:
        self.analyzer = analyzer
        self.threshold = threshold
        self._features: dict[Hashable, frozenset[str]] = {}
        self._models: dict[Hashable, frozenset[str]] = {}
        self._index: dict[str, list[Hashable]] = defaultdict(list)

    def add(self, key: Hashable, question: str, models: Iterable[str] = ()) -> None:
        """Remember a question (an existing entry or a new draft) under ``key``.

        ``models`` are the vehicle models it is specifically about: a question about other
        models is never matched to it.
        """
        features = self.analyzer.features(question)
        self._features[key] = features
        self._models[key] = frozenset(models)
        for feature in features:
            self._index[feature].append(key)

    def best(self, question: str, models: Iterable[str] = ()) -> Match | None:
        """The known question most similar to ``question`` if it scores at least the threshold."""
        features = self.analyzer.features(question)
        wanted = frozenset(models)
        shared: dict[Hashable, int] = defaultdict(int)
        for feature in features:
            for key in self._index.get(feature, ()):
                shared[key] += 1
        best: Match | None = None
        for key, count in shared.items():
            other = self._models[key]
            if wanted and other and not wanted & other:
                continue  # about different vehicle models: never the same question
            value = count / math.sqrt(len(features) * len(self._features[key]))
            if value >= self.threshold and (best is None or value > best.score):
                best = Match(key, value)
        return best
