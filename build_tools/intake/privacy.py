"""Mask personal data in a customer's question before anything is written.

Phone numbers, e-mail addresses, ID card numbers, licence plates, VINs and chat handles
are replaced by a visible placeholder such as 【手机号】, so staff see that something was
removed and the public answer never carries it. Patterns run in a fixed order (longest
and most specific first) on text whose full-width digits and letters (１３８…, ＡＢＣ) are
already half-width, so those are caught too; Chinese punctuation is kept as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# Chinese licence plate: province abbreviation, issuing-office letter, optional separator,
# then 5 characters (6 for new-energy vehicles). Letters I and O are not used on plates.
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"
_PLATE_TAIL = r"[A-HJ-NP-Z0-9]{5,6}[挂学警港澳]?"

_NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"
# A phone number is not part of a longer number (a bank card written in groups of four).
_NOT_IN_NUMBER = r"(?<!\d)(?<!\d[\s-])"
_NUMBER_ENDS = r"(?![\s-]?\d)"

# (label shown in the text and in the summary, pattern); order matters.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("邮箱", re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")),
    # 18-digit resident ID: 6-digit area, birth date, 3-digit sequence, check digit (0-9 or X).
    ("身份证号", re.compile(
        _NOT_ALNUM_BEFORE + r"[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]" + _NOT_ALNUM_AFTER
    )),
    # VIN: 17 characters without I, O, Q, holding both letters and digits.
    ("车架号", re.compile(
        _NOT_ALNUM_BEFORE + r"(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])(?=[A-HJ-NPR-Z]*[0-9])[A-HJ-NPR-Z0-9]{17}" + _NOT_ALNUM_AFTER,
        re.I,
    )),
    ("车牌号", re.compile(
        f"[{_PROVINCES}]" + r"\s*[A-HJ-NP-Z]\s*[·•・.\-\s]?\s*(?=(?:[A-HJ-NP-Z]*\d){3})" + _PLATE_TAIL + _NOT_ALNUM_AFTER,
        re.I,
    )),
    # Mobile: 1[3-9]x xxxx xxxx, optionally +86, with spaces or hyphens between groups.
    ("手机号", re.compile(_NOT_IN_NUMBER + r"(?<!\+)(?:(?:\+|00)?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}" + _NUMBER_ENDS)),
    # Landline: area code 0xx(x) with or without brackets, then 7-8 digits; 400/800 hotlines.
    ("电话", re.compile(
        _NOT_IN_NUMBER + r"(?:[(（]0\d{2,3}[)）]\s*|0\d{2,3}[\s-]?)\d{3,4}[\s-]?\d{4}(?:[-转]\d{1,5})?" + _NUMBER_ENDS
        + "|" + _NOT_IN_NUMBER + r"[48]00[\s-]?\d{3}[\s-]?\d{4}" + _NUMBER_ENDS
    )),
    # A local number without area code, recognisable only by the word before it: 电话 8888 0000.
    ("电话", re.compile(r"(?:电话|座机|手机|联系方式|号码)\s*(?:是|为)?\s*[:：]?\s*(?P<secret>\d(?:[\s-]?\d){6,})(?!\d)")),
    # WeChat / QQ handles after a label: 微信 abc_123, vx：wxid_xxx, QQ 12345678.
    ("微信/QQ", re.compile(
        r"(?:微信号?|[vV][xX]|[wW][xX]|[qQ]{2}号?)\s*(?:号|是|为)?\s*[:：]?\s*(?P<secret>[A-Za-z0-9][A-Za-z0-9_-]{4,19})"
        + _NOT_ALNUM_AFTER
    )),
    # Any other long run of digits (bank card, order or policy number): 9 or more digits.
    ("号码", re.compile(r"(?<!\d)\d(?:[\s-]?\d){8,}(?!\d)")),
)


# Full-width digits, letters and the symbols of e-mail addresses and numbers -> ASCII.
_HALF_WIDTH = {
    code: code - 0xFEE0
    for code in range(0xFF01, 0xFF5F)
    if chr(code - 0xFEE0).isalnum() or chr(code - 0xFEE0) in "@.+-_()"
}


def normalise(text: str) -> str:
    """Full-width digits and letters made half-width, control characters removed, whitespace collapsed."""
    text = text.translate(_HALF_WIDTH)
    text = "".join(" " if unicodedata.category(ch) in {"Cc", "Zl", "Zp", "Zs"} else ch for ch in text)
    return re.sub(r"\s+", " ", text).strip()


def mask(text: str) -> tuple[str, Counter[str]]:
    """``text`` normalised, with personal data replaced by 【label】; and what was masked, by label."""
    counts: Counter[str] = Counter()
    text = normalise(text)
    for label, pattern in PATTERNS:
        def replace(match: re.Match[str], label: str = label) -> str:
            counts[label] += 1
            if "secret" in match.re.groupindex:  # keep the label ("微信"), hide the handle
                start, end = match.span("secret")
                whole = match.group(0)
                offset = match.start()
                return whole[: start - offset] + f"【{label}】" + whole[end - offset :]
            return f"【{label}】"

        text = pattern.sub(replace, text)
    return text, counts
