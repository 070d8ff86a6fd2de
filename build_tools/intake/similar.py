"""Chinese-aware "same question?" test for de-duplicating customer questions.

A question becomes a set of **content words**: segmented (:mod:`build_tools.core.words`) with the dealer
vocabulary and a built-in list of car words (so 欧蓝德, 首保, 空调滤芯, 刹车片 stay whole);
the customer's everyday paraphrases mapped to one form (多长时间 → 多久, 第一次保养 → 首保,
咋 → 怎么, 有没有 → 有) and each word replaced by the first word of its synonym group
(vocabulary synonyms plus :data:`SYNONYMS`: 车险 → 保险, 质保 → 保修); particles,
greetings and placeholders of masked data dropped, as are words that never change what is
asked (:data:`LIGHT`: 一下, 现在, 帮忙, 做 …). Vehicle models, however written (欧蓝德,
Outlander, 劲炫, ASX), become one word per model (``@outlander``). Text is first made
half-width, lower-case and simplified (繁體 → 简体, OpenCC phrase by phrase:
:func:`build_tools.core.text.to_simplified`).

Two questions are compared in two steps (:func:`compare`):

1. **Decisive words.** If one question has a content word the other lacks — 首保/三包,
   首付/利率, 空调滤芯/机油滤芯, 2024款/2025款, a model — they are different questions,
   however similar the rest: a merge would lose one of them. Only paraphrase differences
   survive this step.
2. **Score.** The cosine similarity of their features (content words plus the character
   bigrams of words outside the vocabulary, which soften segmentation differences) must
   be at least :data:`THRESHOLD`.

Pairs that fail but come close (score ≥ :data:`UNCERTAIN`) are *uncertain*: not merged,
listed for staff as 「可能重复，请确认」. The thresholds were chosen on the labelled pairs
in ``tests/intake_corpus/pairs.tsv`` (figures in README): the highest recall with no
wrong merge.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from ..core.text import to_simplified
from ..core.vocabulary import Vocabulary
from ..core.words import WORD_FREQ, Segmenter, segmenter

THRESHOLD = 0.45
UNCERTAIN = 0.6

STOPWORDS = frozenset(
    ["的", "了", "吗", "呢", "啊", "吧", "呀", "哦", "嘛", "么", "呗", "哈", "嗯", "啦", "诶", "请问", "问下", "问一下", "一下", "想", "想问", "想知道", "咨询", "你好", "您好", "你们", "您", "我", "我们", "我的", "是", "就", "都", "还", "也", "又", "和", "与", "及", "跟", "这个", "那个", "这", "那", "个", "一个", "请", "麻烦", "谢谢", "下", "要", "需要", "能", "能不能", "可以", "可不可以", "会", "得", "有没有", "呐", "哇", "嘞", "哟", "吶", "滴", "咧", "喔"]
)

# Words that never change what is asked: dropped before comparing.
LIGHT = frozenset(
    ["一下", "一次", "现在", "目前", "最近", "大概", "大约", "一般", "具体", "帮忙", "帮", "给", "做", "办", "搞", "弄", "花", "准备", "付", "卖", "用", "带", "车", "车子", "汽车", "服务", "情况", "方面", "可选", "可", "选", "百公里", "最新", "车辆", "走", "交", "一共", "总共", "这里", "这边", "这儿", "那里", "提前", "在", "到", "有", "能否", "可否", "行不行", "行", "好", "来", "去", "上", "里", "吗", "么", "呢", "请", "问", "想", "可以", "需要", "必须", "得", "应该", "到底", "究竟", "大家", "本", "该", "比", "更", "最", "整个", "整车", "店", "店里", "4s店", "你们店", "你们", "贵店", "多少", "什么", "哪些", "哪个", "几", "几个", "是不是", "怎么", "怎么样", "如何", "怎样", "一", "下来", "起来", "出来", "能跑", "些"]
)

# Everyday paraphrases, replaced before segmenting (longest first within each line).
PHRASES: tuple[tuple[str, str], ...] = (
    (r"第一次保养|首次保养|头一次保养|头保|首次保", "首保"),
    (r"第二次保养|二次保养", "二保"),
    (r"多长时间|多少时间|多长|多久时间|几天|多少天|周期", "多久"),
    (r"多少年", "几年"),
    (r"几万公里|多少万公里", "多少公里"),
    (r"怎么处理|如何处理|咋办|怎么解决", "怎么办"),
    (r"非本地", "外地"),
    (r"空间更大|空间大|宽敞", "空间大"),
    (r"容积多少|容积|多大", "多大"),
    (r"几种|哪几种|几款", "哪些"),
    (r"(?:费用|价格|花费)高不高|(?:费用|价格|花费)高|贵不贵", "贵"),
    (r"要不要钱|要钱|不要钱|收不收费|收费|免费|花钱|收钱", "收费"),
    (r"什么价位|什么价格|什么价|啥价|价位|价钱|报价|价格是多少|价格|费用|花费|多钱", "多少钱"),
    (r"咋样|怎么样|怎样|如何|咋", "怎么"),
    (r"啥", "什么"),
    (r"哪儿|哪里|在哪儿|在哪里|在哪|地址", "哪里"),
    (r"有没有|有木有|带不带|带没带|是否有", "有"),
    (r"要不要|需不需要|需要不需要|用不用", "需要"),
    (r"能不能|可不可以|能否|可否|行不行|可以不", "可以"),
    (r"送不送|赠送|赠|白送", "送"),
    (r"高不高|大不大", "高"),
    (r"油电混合|混合动力|油电混动|混动版|混动", "混动"),
    (r"(?<![0-9])7座|七人座|7人座|七座版|七座", "七座"),
    (r"(?<![0-9])5座|五人座|5人座|五座版|五座", "五座"),
    (r"四驱版|4驱|四轮驱动", "四驱"),
    (r"两驱版|2驱|两轮驱动|二驱", "两驱"),
    (r"(?<![0-9])0首付|零首付", "零首付"),
    (r"三成", "30%"),
    (r"两成|二成", "20%"),
    (r"五成", "50%"),
)
PHRASES_RE = tuple((re.compile(p), r) for p, r in PHRASES)

# Built-in synonym groups of dealer language (first word is the canonical one), added to
# the site vocabulary's groups.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("保险", "车险"),
    ("保修", "质保", "保修期", "质保期"),
    ("电瓶", "蓄电池"),
    ("雨刮器", "雨刷", "雨刷器", "雨刮"),
    ("驾照", "驾驶证"),
    ("年检", "年审"),
    ("变速箱", "变速器"),
    ("后备箱", "后备厢"),
    ("材料", "资料", "证件"),
    ("二手车", "旧车"),
    ("贷款", "车贷", "分期付款", "贷款买"),
    ("还款", "还贷", "还"),
    ("换", "更换"),
    ("修", "维修", "修车"),
    ("购买", "买", "购车", "买车"),
    ("估价", "评估"),
    ("营业", "上班", "开门"),
    ("档", "挡"),
    ("规格", "型号", "标号"),
    ("置换", "以旧换新"),
    ("落地价", "落地"),
    ("现车", "现货"),
    ("钣喷", "钣金喷漆"),
    ("延保", "延长保修"),
    ("费油", "油耗高", "耗油"),
    ("宽敞", "空间大"),
    ("最低", "最少"),
    ("国产", "国产车"),
    ("进口", "进口车"),
    ("优惠", "优惠活动"),
    ("适合", "合适"),
    ("自动挡", "自动档"),
    ("手动挡", "手动档"),
    ("贷款", "贷"),
    ("出故障", "坏了", "故障"),
    ("上牌", "上好牌"),
)

# Car words jieba would split: kept whole so that 空调滤芯 and 机油滤芯 differ as wholes.
WORDS = ["空调滤芯", "机油滤芯", "空气滤芯", "汽油滤芯", "刹车片", "刹车油", "刹车盘", "变速箱油", "玻璃水", "防冻液", "冷却液", "火花塞", "正时皮带", "发电机皮带", "倒车影像", "倒车雷达", "全景影像", "全景天窗", "座椅加热", "座椅通风", "真皮座椅", "后视镜", "保险杠", "离地间隙", "后备箱", "后备厢", "油箱", "轴距", "交强险", "商业险", "首保", "二保", "三包", "试驾车", "二手车", "新车", "全款", "月供", "首付", "利率", "利息", "违约金", "罚息", "延期", "逾期", "手动挡", "自动挡", "七座", "五座", "四驱", "两驱", "混动", "柴油", "零首付", "落地价", "裸车价", "行驶证", "合格证", "车钥匙", "泡水车", "事故车", "钣喷", "延保", "上门", "取送车"]

# Characters that carry no meaning of their own when jieba glues them to a neighbour
# outside its dictionary (要花, 能办, 这能, 换个, 期是): they are trimmed from such tokens.
LIGHT_CHARS = frozenset("要花时能办这个做有是共了着过得把被让给到在来去就都也还再又先可")

_WORD = re.compile(r"\w", re.UNICODE)
_A_NOT_A = re.compile(r"([\u4e00-\u9fff])[不没]\1")
_PLACEHOLDER = re.compile(r"【[^】]{0,8}】")


@functools.cache
def _pinyin(char: str) -> str:
    """The toneless pinyin of one character (its most common reading)."""
    from pypinyin import lazy_pinyin

    return lazy_pinyin(char)[0]


@dataclass
class Analyzer:
    """Turns a question into canonical content words and features, with the dealer vocabulary.

    ``models`` maps each way of writing a vehicle model (lower case: 欧蓝德, outlander,
    asx) to its slug; all of them become the one word ``@slug``.
    """

    vocabulary: Vocabulary
    models: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._segmenter: Segmenter | None = None
        self._canonical: dict[str, str] = {}
        for group in (*SYNONYMS, *self.vocabulary.synonyms):
            head = group[0].casefold()
            for word in group:
                self._canonical[word.casefold()] = self._canonical.get(head, head)
        self._known = frozenset(self.canonical(w) for w in (*self.vocabulary.all_words(), *WORDS))
        # Input-method typos of model and dealer words sound the same and differ in one
        # character (欧兰德 → 欧蓝德, 奕哥 → 奕歌, 手保 → 首保): indexed by their pinyin.
        self._homophones: dict[tuple[str, ...], str] = {}
        for word in sorted({*self.models, *self.vocabulary.all_words(), *WORDS}):
            if 2 <= len(word) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in word):
                self._homophones.setdefault(tuple(_pinyin(ch) for ch in word), word)

    def canonical(self, word: str) -> str:
        """The first word of ``word``'s synonym group, lower case."""
        word = word.casefold()
        return self._canonical.get(word, word)

    @property
    def segmenter(self) -> Segmenter:
        """The segmenter knowing the dealer's words and ours, model names above all (one per word list in the process)."""
        if self._segmenter is None:
            ours = [*self.vocabulary.all_words(), *WORDS, *(w for group in SYNONYMS for w in group), *(r for _, r in PHRASES)]
            # As jieba's add_word: a word added again takes the later frequency.
            freqs = {**dict.fromkeys(ours, WORD_FREQ), **dict.fromkeys(self.models, 2 * WORD_FREQ)}
            self._segmenter = segmenter(tuple(freqs.items()))
        return self._segmenter

    def _fix_homophones(self, text: str) -> str:
        """``text`` with one-character homophone typos of known words corrected."""
        sounds = [_pinyin(ch) if "\u4e00" <= ch <= "\u9fff" else "" for ch in text]
        out = list(text)
        i = 0
        while i < len(text):
            for length in (4, 3, 2):
                window = tuple(sounds[i : i + length])
                word = self._homophones.get(window) if len(window) == length and all(window) else None
                if word and sum(a != b for a, b in zip(text[i : i + length], word)) == 1:
                    out[i : i + length] = word
                    i += length - 1
                    break
            i += 1
        return "".join(out)

    def _trim(self, token: str) -> str:
        """``token`` without light characters jieba glued to it, unless it is a dictionary word."""
        if token in self._known or token in self.models or self.segmenter.knows(token) or not re.fullmatch(r"[\u4e00-\u9fff]+", token):
            return token
        start, end = 0, len(token)
        while start < end and token[start] in LIGHT_CHARS:
            start += 1
        while end > start and token[end - 1] in LIGHT_CHARS:
            end -= 1
        return token[start:end]

    def words(self, question: str) -> list[str]:
        """Canonical words of ``question``, in order (light words included)."""
        text = to_simplified(unicodedata.normalize("NFKC", question)).casefold()
        text = _PLACEHOLDER.sub(" ", text)  # masked data carries no meaning for matching
        text = self._fix_homophones(text)
        for pattern, replacement in PHRASES_RE:
            text = pattern.sub(replacement, text)
        # A-not-A questions ask the same as the plain verb: 高不高 → 高.
        text = _A_NOT_A.sub(r"\1", text)
        words = []
        for token in self.segmenter.cut(text):
            token = self._trim(token.strip())
            if not token or not _WORD.search(token) or token in STOPWORDS:
                continue
            if token in self.models:
                words.append(f"@{self.models[token]}")
                continue
            words.append(self.canonical(token))
        return words

    def content(self, question: str) -> frozenset[str]:
        """The words that decide what is asked: :meth:`words` without :data:`LIGHT` ones."""
        return frozenset(w for w in self.words(question) if w not in LIGHT)

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
class Verdict:
    """How two questions compare: their score, whether they may be merged at all, and why not."""

    score: float
    allowed: bool
    reason: str = ""

    @property
    def merge(self) -> bool:
        return self.allowed and self.score >= THRESHOLD

    @property
    def uncertain(self) -> bool:
        return not self.merge and self.score >= UNCERTAIN


@dataclass(frozen=True)
class _Question:
    features: frozenset[str]
    content: frozenset[str]
    named: frozenset[str]  # models its text names
    scope: frozenset[str]  # those and the models its entry lists (front matter)


def _prepare(analyzer: Analyzer, question: str, models: Iterable[str] = ()) -> _Question:
    content = analyzer.content(question)
    named = frozenset(w[1:] for w in content if w.startswith("@"))
    return _Question(analyzer.features(question), frozenset(w for w in content if not w.startswith("@")), named, named | frozenset(models))


def _same_models(a: _Question, b: _Question) -> bool:
    """Both texts name the same models; or one names none and is not about other models.

    An entry listing ``models: [outlander]`` answers 欧蓝德首保多少公里 even if its question
    does not name the model; a question naming no model at all may join it too (the
    customer asks generally). 欧蓝德首保多少钱 and 首保多少钱 (no models anywhere) differ.
    """
    if a.named and b.named:
        return a.named == b.named
    if a.named or b.named:
        specific, general = (a, b) if a.named else (b, a)
        return bool(general.scope) and specific.named <= general.scope
    return True


def _verdict(a: _Question, b: _Question) -> Verdict:
    value = score(a.features, b.features)
    if not _same_models(a, b):
        return Verdict(value, False, "车型不同")
    differ = sorted(a.content ^ b.content)
    if differ:
        return Verdict(value, False, "关键词不同：" + "、".join(differ))
    return Verdict(value, True)


def compare(analyzer: Analyzer, a: str, b: str) -> Verdict:
    """Compare two (masked, cleaned) questions."""
    return _verdict(_prepare(analyzer, a), _prepare(analyzer, b))


@dataclass(frozen=True)
class Match:
    key: Hashable
    score: float


class Matcher:
    """Known questions, indexed so that a lookup costs little however many there are.

    A merge needs the same content words, so merge candidates come from an index keyed
    by the whole content-word set; uncertain candidates are scored from an index by
    feature, counting shared features without comparing whole questions. Lookups are
    deterministic: among equal scores the question added first wins.
    """

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self._questions: dict[Hashable, _Question] = {}
        self._order: dict[Hashable, int] = {}
        self._by_content: dict[frozenset[str], list[Hashable]] = {}
        self._index: dict[str, list[Hashable]] = {}

    def add(self, key: Hashable, question: str, models: Iterable[str] = ()) -> None:
        """Remember a question (an existing entry or a new draft) under ``key``.

        ``models`` are the vehicle models it is specifically about besides those its text
        names: a question about other models is never matched to it.
        """
        prepared = _prepare(self.analyzer, question, models)
        self._questions[key] = prepared
        self._order[key] = len(self._order)
        self._by_content.setdefault(prepared.content, []).append(key)
        for feature in prepared.features:
            self._index.setdefault(feature, []).append(key)

    def lookup(self, question: str) -> tuple[Match | None, Match | None]:
        """The best known question to merge ``question`` into, and else the closest uncertain one."""
        prepared = _prepare(self.analyzer, question)
        best: Match | None = None
        for key in self._by_content.get(prepared.content, ()):  # in the order they were added
            verdict = _verdict(prepared, self._questions[key])
            if verdict.merge and (best is None or verdict.score > best.score):
                best = Match(key, verdict.score)
        if best is not None:
            return best, None
        shared: dict[Hashable, int] = {}
        for feature in sorted(prepared.features):
            for key in self._index.get(feature, ()):
                shared[key] = shared.get(key, 0) + 1
        doubt: Match | None = None
        size = len(prepared.features)
        for key, count in shared.items():
            value = count / math.sqrt(size * len(self._questions[key].features))
            if value >= UNCERTAIN and (doubt is None or (value, -self._order[doubt.key]) > (doubt.score, -self._order[key])):
                doubt = Match(key, value)
        return None, doubt

    def best(self, question: str) -> Match | None:
        """The known question ``question`` is the same as, if any."""
        return self.lookup(question)[0]
