"""Traditional → simplified (build_tools/core/text.py, OpenCC ``t2s``) as search and intake see it."""

from __future__ import annotations

import unicodedata

import pytest

from build_tools.core.text import t2s_characters, to_simplified
from build_tools.core.vocabulary import Vocabulary
from build_tools.intake.similar import Analyzer, compare
from build_tools.search.normalize import normalize, t2s_table

# What customers type, folded as HanziConv folded it before OpenCC.
AS_BEFORE = [
    ("保養", "保养"),
    ("試駕", "试驾"),
    ("後備箱", "后备箱"),
    ("幺三八", "幺三八"),  # 幺 is a digit in spoken phone numbers (privacy.py): never 么
    ("甚麼時候", "甚么时候"),
    ("歐藍德貸款", "欧蓝德贷款"),
    ("頭髮", "头发"),
    ("臺灣", "台湾"),
    ("乾淨", "干净"),
    ("新车首保", "新车首保"),  # simplified text is left alone
]

# Where OpenCC is right and HanziConv was not (its result in the comment).
BETTER = [
    ("機油濾芯", "机油滤芯"),  # 机油泸芯: 濾 (filter) became 泸 (a river)
    ("三峽", "三峡"),  # 三崃
    ("諮詢", "咨询"),  # 谘询
    ("保養週期", "保养周期"),  # 保养週期: 週 was not converted
    ("佔用", "占用"),  # 佔用
    ("佈置", "布置"),  # 佈置
    ("招呼", "招呼"),  # 招唿: simplified characters rewritten to rarer ones
    ("溜背", "溜背"),  # 熘背
    ("勇猛", "勇猛"),  # 勇勐
    ("模糊", "模糊"),  # 模煳
]


@pytest.mark.parametrize(("text", "expected"), AS_BEFORE + BETTER)
def test_search_and_intake_fold_traditional_characters_alike(text: str, expected: str) -> None:
    assert normalize(text) == expected
    assert to_simplified(text) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "by_character"),
    [
        ("瞭解", "了解", "瞭解"),  # 瞭 alone is a character of its own (瞭望)
        ("藉口", "借口", "藉口"),
        ("乾隆", "乾隆", "干隆"),  # a name: the phrase keeps 乾
    ],
)
def test_intake_converts_phrases_search_characters(text: str, phrase: str, by_character: str) -> None:
    # Intake compares whole questions and takes OpenCC's phrases; search keeps one
    # character per character for highlighting, both in Python and in the browser.
    assert to_simplified(text) == phrase
    assert normalize(text) == by_character


def test_the_character_table_is_opencc_per_character() -> None:
    table = t2s_characters()
    assert len(table) > 4000
    for trad, simp in table.items():
        assert len(simp) == 1 and unicodedata.normalize("NFKC", trad) == trad
        assert simp not in table, f"{trad} → {simp} would be rewritten again"
        once = to_simplified(trad)
        assert table.get(once, once) == simp


def test_compatibility_ideographs_fold_through_nfkc() -> None:
    # U+F902 is a compatibility form of 車 that OpenCC converts too; NFKC maps it to
    # 車 before the table is consulted (here and in the browser), so it is not shipped.
    assert "\uf902" not in t2s_table() and to_simplified("\uf902") == "车"
    assert normalize("\uf902") == "车"


def test_intake_merges_a_traditional_question_with_its_simplified_form() -> None:
    analyzer = Analyzer(Vocabulary(words=("机油滤芯",), synonyms=()))
    assert compare(analyzer, "機油濾芯多久換一次", "机油滤芯多久换一次").merge
