"""Mask personal data in a customer's question before anything is written.

Phone numbers, e-mail addresses, chat handles, ID and travel document numbers, licence
plates, VINs, bank cards, self-introduced names and house numbers are replaced by a
visible placeholder such as 【手机号】, so staff see that something was removed and the
public answer never carries it.

It works in two layers so that customers' many ways of writing the same thing are caught
while ordinary numbers (prices, ranges, model years, mileages, times, model codes) stay:

1. **Normalise.** The text is made half-width (１３８ → 138), its control characters
   become spaces and invisible format characters (zero-width spaces) are removed; that
   text, the *base*, is what the draft shows. A *shadow* of the same length is then made
   for detection only: dashes of every kind become ``-``, runs of Chinese numerals
   (一三八…, 幺三八…, 壹贰叁) become digits. Because the shadow has one character for each
   base character, a span found in it is the same span in the base.
2. **Detect**, in a fixed order (most specific first; a later detector never takes a
   character an earlier one took): e-mail addresses (any script, any TLD, ``at``/``dot``,
   ``#`` and ``。`` spellings), handles after their colloquial names (扣扣, 企鹅号, V信,
   薇信 …), VINs, licence plates, passports and permits, then every run of digits joined
   by separators (``138.1234.5675``, ``0731—88888870``), classified by its digits and its
   grouping (a mobile is 11 digits 1[3-9]… in a phone-like grouping; a price list such as
   ``99800 115800 129800`` is not), then names after 我是/我叫/本人/我姓 (and the rest of
   the name after 姓黄名磊, 姓李，叫李明, 姓刘，刘先生; Latin names after 我叫), then house
   numbers (3栋2单元501室, 三栋二单元五零一, 3-2-501).

   A VIN written in groups must read as one (17 characters, the last four digits, no
   group an engine or model code, and every group with a digit unless 车架号/VIN comes
   before it), so ``4B11 4J11 4N15 4G63T`` and ``call me 18612345678`` are not VINs.

:func:`mask` returns the masked text and the count of each kind; :func:`strip_contact`
then drops the phrases that only asked to be contacted (联系我, 我的电话【手机号】, 请回复),
so the draft reads as a question.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..core.words import segmenter

MOBILE, LANDLINE, EMAIL, QQ, WECHAT = "手机号", "电话", "邮箱", "QQ号", "微信号"
ID_CARD, DOCUMENT, PLATE, VIN, BANK_CARD = "身份证号", "证件号", "车牌号", "车架号", "银行卡号"
NUMBER, NAME, ADDRESS = "号码", "姓名", "门牌号"
LABELS = (MOBILE, LANDLINE, EMAIL, QQ, WECHAT, ID_CARD, DOCUMENT, PLATE, VIN, BANK_CARD, NUMBER, NAME, ADDRESS)

# --- normalising -----------------------------------------------------------------------

# Full-width digits, letters and the symbols of e-mail addresses and numbers -> ASCII.
_HALF_WIDTH = {
    code: code - 0xFEE0
    for code in range(0xFF01, 0xFF5F)
    if chr(code - 0xFEE0).isalnum() or chr(code - 0xFEE0) in "@.+-_()#"
}


def normalise(text: str) -> str:
    """Full-width digits and letters made half-width, invisible characters removed, whitespace collapsed."""
    text = text.translate(_HALF_WIDTH)
    text = "".join(
        "" if unicodedata.category(ch) == "Cf" else " " if unicodedata.category(ch) in {"Cc", "Zl", "Zp", "Zs"} else ch
        for ch in text
    )
    return re.sub(r"\s+", " ", text).strip()


_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−﹣－ー一"), "-")
del _DASHES[ord("一")]  # 一 is a numeral (below), and a dash only between digits
_NUMERALS = {**dict(zip("零〇一二三四五六七八九幺两", "0012345678912")), **dict(zip("壹贰叁肆伍陆柒捌玖", "123456789"))}
_NUMERAL_CLASS = "".join(_NUMERALS)
# A run of digits and Chinese numerals, possibly in groups: 一三八 一二三四 五六七八.
_NUMERAL_RUN = re.compile(rf"[0-9{_NUMERAL_CLASS}](?:[\s.\-/_·•~*]{{0,3}}[0-9{_NUMERAL_CLASS}])*")


def _numeral_digits(run: str) -> str:
    """``run`` with its Chinese numerals as digits when it reads as a number written out digit by digit.

    Only long runs count (一三八一二三四五六七八, 138一二三四5678): 三包, 一二 and 二〇二五
    stay as they are.
    """
    chinese = sum(ch in _NUMERALS for ch in run)
    digits = sum(ch.isdigit() or ch in _NUMERALS for ch in run)
    if chinese >= 5 or (chinese >= 2 and digits >= 7):
        return "".join(_NUMERALS.get(ch, ch) for ch in run)
    return run


def shadow(base: str) -> str:
    """The detection copy of ``base``: same length, NFKC per character, dashes and numerals folded."""
    chars = []
    for ch in base:
        folded = unicodedata.normalize("NFKC", ch)
        chars.append(folded if len(folded) == 1 else ch)
    text = "".join(chars).translate(_DASHES)
    return _NUMERAL_RUN.sub(lambda m: _numeral_digits(m.group(0)), text)


# --- detectors ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str


_HAN = r"\u3400-\u9fff"
_B = r"(?<![A-Za-z0-9])"  # not inside a longer word or number
_E = r"(?![A-Za-z0-9])"

# E-mail: a Latin or Chinese local part; @ (or #, at, 艾特); labels of any script; a Latin
# TLD or one of the Chinese ones; dots written as . 。 dot 点.
_CHINESE_TLDS = "中国|中國|公司|网络|網絡|在线|商城|集团|企业|网址|网店|信息|手机|移动|中文网|我爱你|香港|台湾|台灣|新加坡"
_AT = r"(?:\s*(?:@|#|\(at\)|\[at\]|\{at\}|艾特)\s*|\s+at\s+)"
_DOT = r"(?:\s*(?:\.|。|\(dot\)|\[dot\]|\{dot\}|点)\s*|\s+dot\s+)"
_EMAIL = re.compile(
    rf"(?<![A-Za-z0-9._%+-])(?P<local>[A-Za-z0-9{_HAN}](?:[A-Za-z0-9._%+{_HAN}-]*[A-Za-z0-9_{_HAN}])?)"
    rf"{_AT}[A-Za-z0-9{_HAN}](?:[A-Za-z0-9{_HAN}-]*[A-Za-z0-9{_HAN}])?"
    rf"(?:{_DOT}[A-Za-z0-9{_HAN}-]+)*{_DOT}(?:[A-Za-z]{{2,24}}(?![A-Za-z])|{_CHINESE_TLDS})",
    re.I,
)
# A comma typed for the dot before a common TLD: liuqiang@163,com.
_EMAIL_COMMA = re.compile(
    rf"(?<![A-Za-z0-9._%+-])(?P<local>[A-Za-z0-9][A-Za-z0-9._%+-]*){_AT}[A-Za-z0-9-]+\s*[,，]\s*(?:com|cn|net|org)(?![A-Za-z])", re.I
)
# 在 typed for @ (zhangwei在163.com): only between a Latin local part and a Latin domain.
_EMAIL_ZAI = re.compile(
    rf"(?<![A-Za-z0-9._%+-])(?P<local>[A-Za-z0-9][A-Za-z0-9._%+-]*)\s*在\s*[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+)*{_DOT}[A-Za-z]{{2,24}}(?![A-Za-z])",
    re.I,
)
# Words that introduce an address or say what it is for; a Chinese local part starts after them.
_EMAIL_INTRO = re.compile(r"^.*(?:邮箱|邮件|邮址|地址|发到|发给|发送到|寄到|回复到|联系|是|为|给|到|至|:)")

# Handles after the names customers give them. QQ: digits; WeChat: a Latin handle.
_QQ_NAMES = r"(?:qq|扣扣|抠抠|企鹅号?|球球|(?<![A-Za-z])q(?![A-Za-z]))"
_WECHAT_NAMES = (
    r"(?:微信|威信|薇信|维信|徽信|微心|微讯|微訊|維信|威訊|薇訊|v信|V信|绿泡泡|綠泡泡|加薇|加微|wei ?xin|we ?chat|"
    r"(?<![A-Za-z])(?:vx|wx|v|微x)(?![A-Za-z])|(?:微|薇|加v|加vx|加wx|加)(?=[A-Za-z]))"
)
_HANDLE_TAIL = r"\s*(?:号码|号|id)?\s*(?:搜索|搜|是|为|:|：)?\s*"
_WECHAT = re.compile(
    rf"{_WECHAT_NAMES}{_HANDLE_TAIL}(?P<secret>(?:wxid_)?[A-Za-z][A-Za-z0-9_-]{{4,24}}){_E}", re.I
)

# VIN: 17 characters without I, O, Q, with letters and digits; written whole or in groups
# separated by a space or dash (JA4 AZ3A3 6KZ 012345), a run of such groups is looked at here.
_VIN_RUN = re.compile(rf"(?:(?<=vin)|(?<=vin码)|{_B})[A-Z0-9]+(?:[ -][A-Z0-9]+)*{_E}", re.I)
_VIN_CHARS = re.compile(r"[A-HJ-NPR-Z0-9]{17}", re.I)
_VIN_WORDS = re.compile(r"vin|vin码|车架号|车架|车辆识别代号|识别码|底盘号", re.I)
# Engine, gearbox and drive codes (4B11, 4G63T, 6MT, AWD…) and tyre codes: words, never part of a VIN.
_CODE_WORD = re.compile(r"\d[A-Z]\d{2}[A-Z]?|\d{1,2}(?:MT|AT|DCT|WD)|\d{2,3}[A-Z]|R\d{2}|[A-Z]\d{1,2}", re.I)


def _vins(text: str, keep: frozenset[str]) -> Iterator[Span]:
    """VINs in the shadow ``text``: one 17-character word, or consecutive groups that make exactly 17.

    Spaced groups are a VIN only when they read as one: the last four characters are digits
    (the serial number), no group is a word the dealer knows or a model/engine code, no
    group is a long bare number (a mobile), and - unless 车架号/VIN comes just before -
    every group has a digit. So ``4B11 4J11 4N15 4G63T`` and ``call me 18612345678`` stay.
    """
    folded_keep = {word.lower() for word in keep}
    for run in _VIN_RUN.finditer(text):
        groups = [(run.start() + g.start(), run.start() + g.end()) for g in re.finditer(r"[A-Z0-9]+", run.group(0), re.I)]
        groups = [(a + 3, b) if b - a == 20 and text[a : a + 3].lower() == "vin" else (a, b) for a, b in groups]  # VINJA4…
        i = 0
        while i < len(groups):
            at = groups[i][0]
            named = bool(_VIN_WORDS.search(text[max(0, at - 8) : at]))
            total, j = 0, i
            while j < len(groups) and total < 17:
                total += groups[j][1] - groups[j][0]
                j += 1
            window = [text[a:b] for a, b in groups[i:j]]
            value = "".join(window)
            ok = total == 17 and _VIN_CHARS.fullmatch(value) and re.search(r"[A-Z]", value, re.I) and sum(c.isdigit() for c in value) >= 3
            if ok and len(window) > 1:
                ok = (
                    value[-4:].isdigit()
                    and len(window) <= 7
                    and not any(g.lower() in folded_keep or _CODE_WORD.fullmatch(g) or (g.isdigit() and len(g) > 8) for g in window)
                    and (named or all(re.search(r"\d", g) for g in window))
                )
            if ok:
                yield Span(groups[i][0], groups[j - 1][1], VIN)
                i = j
            else:
                i += 1

# Licence plate: province, issuing-office letter, separator, then 5 characters, the 6 of a
# new-energy plate (D/F first or last) or the 4 before 学/挂/警/港/澳 (learner, trailer…
# plates). Letters I and O are not used on plates. A dot or dash may follow the province
# too (湘·A12345), and the characters may be typed one by one with spaces (湘 A 1 2 3 4 5).
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"
_PLATE_CHAR = "[A-HJ-NP-Z0-9]"


def _spaced(*parts: str) -> str:
    return " ?".join(parts)


_PLATE_DIGITS3 = r"(?=(?:[A-HJ-NP-Z ]*\d){3})"
_PLATE_BODY = "|".join(
    (
        _spaced("[DF]", _PLATE_CHAR, *[r"\d"] * 4),
        _spaced(*[r"\d"] * 5, "[DF]"),
        _PLATE_DIGITS3 + _spaced(*[_PLATE_CHAR] * 5) + "(?: ?[挂学警港澳])?",
        _PLATE_DIGITS3 + _spaced(*[_PLATE_CHAR] * 4) + " ?[挂学警港澳]",
    )
)
_PLATE = re.compile(
    rf"[{_PROVINCES}]\s?[·•・.\-]?\s?[A-HJ-NP-Z]\s?[·•・.\-\s]?\s?(?:{_PLATE_BODY}){_E}",
    re.I,
)

# Passports (E12345678, EA1234567, G12345678), HK/Macau permits (C12345678, CA1234567,
# W…), home-return permits (H/M + 8 or 10 digits), Taiwan permits (L…, T…).
_DOCUMENT = re.compile(rf"{_B}[CDEGHKLMPSTW][A-Z]?\d{{7,10}}(?:\([A-Z0-9]\))?{_E}", re.I)
# Any code after the name of a document: 台胞证 12345678, 护照号：PE1234567.
_DOCUMENT_AFTER = re.compile(
    rf"(?:护照|通行证|台胞证|回乡证|港澳证|居住证|驾驶证|驾照|证件)(?:号码|号)?\s*(?:是|为|:|：)?\s*"
    rf"(?P<secret>[A-Za-z0-9](?:[ -]?[A-Za-z0-9]){{5,17}}(?:\([A-Z0-9]\))?){_E}",
    re.I,
)

# Runs of digits joined by the separators people type between groups.
_SEP = r"[\s.\-/_·•~*,，、()（）]"
_DIGITS = re.compile(rf"\d(?:{_SEP}{{1,3}}\d|\d)*(?:[Xx](?![A-Za-z]))?")

# What the words just before a number say it is.
_CONTEXTS = (
    (QQ, re.compile(_QQ_NAMES + r"(?:号码|号)?$", re.I)),
    (WECHAT, re.compile(_WECHAT_NAMES + r"(?:号码|号|id)?$", re.I)),
    (ID_CARD, re.compile(r"身份证(?:号码|号)?$")),
    (DOCUMENT, re.compile(r"(?:护照|通行证|台胞证|回乡证|港澳证|证件)(?:号码|号)?$")),
    (BANK_CARD, re.compile(r"(?:银行卡|卡号|账号|帐号|账户|帐户|卡)(?:号码|号)?$")),
    (LANDLINE, re.compile(r"(?:电话|手机|座机|固话|联系方式|号码|打|拨|致电|联系|回电|来电|回拨|call|tel|phone)(?:号码|号)?$", re.I)),
)
_CONTEXT_TAIL = re.compile(r"(?:\s*(?:是|为|:|：|=)?\s*)$")


def _context(before: str) -> str | None:
    """The kind of number the words just before a number name (QQ 号是 → QQ), if any."""
    text = _CONTEXT_TAIL.sub("", before[-16:])
    for label, pattern in _CONTEXTS:
        if pattern.search(text):
            return label
    return None


def _valid_date(digits: str) -> bool:
    """``digits`` (YYYYMMDD) is a plausible birth date."""
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    return 1900 <= year <= 2030 and 1 <= month <= 12 and 1 <= day <= 31


def _looks_like_years(groups: list[str]) -> bool:
    return all(len(g) == 4 and g[:2] in {"19", "20"} for g in groups)


def _classify(digits: str, groups: list[str], context: str | None) -> str | None:
    """What a number with these digits, in these groups, after that context, is (None: ordinary)."""
    n = len(digits)
    if len(groups) > 1 and all(len(g) == 1 for g in groups):
        groups = [digits]  # 1 5 6 7 3 1 2 8 8 9 9: typed digit by digit, one number
    sizes = [len(g) for g in groups]
    # Country code first: +86 138…, 0086-138…, 8613812345678.
    for code in ("0086", "86"):
        rest = digits[len(code):]
        if digits.startswith(code) and re.fullmatch(r"1[3-9]\d{9}", rest) and (sizes[0] == len(code) or len(groups) == 1 or context):
            return MOBILE
    for code in ("0086", "86"):
        if digits.startswith(code) and (sizes[0] == len(code) or context == LANDLINE) and len(groups) > 1:
            rest = "0" + digits[len(code):]
            area = 3 if re.match(r"0(?:10|2\d)", rest) else 4 if re.match(r"0[3-9]\d\d", rest) else 0
            if area and len(rest) - area in ((8,) if area == 3 else (7, 8)):
                return LANDLINE  # +86-731-88881234, 0086 10 6552 3344
    if re.fullmatch(r"1[3-9]\d{9}", digits) and (len(groups) == 1 or (sizes[0] in (3, 4, 7) and min(sizes) >= 3) or context):
        return QQ if context == QQ else WECHAT if context == WECHAT else MOBILE
    if context in (QQ, WECHAT) and 5 <= n <= 12:
        return context
    if context == DOCUMENT and 7 <= n <= 12:
        return DOCUMENT
    # Landline with area code: 010/02x + 8 digits, 0[3-9]xx + 7 or 8 digits.
    area = 3 if re.match(r"0(?:10|2\d)", digits) else 4 if re.match(r"0[3-9]\d\d", digits) else 0
    if area and n - area in ((8,) if area == 3 else (7, 8)) and (len(groups) == 1 or sizes[0] == area or context == LANDLINE):
        return LANDLINE
    if re.fullmatch(r"[48]00\d{7}", digits) and (len(groups) == 1 or sizes[0] == 3):
        return LANDLINE
    # Resident ID: 18 characters (check character 0-9 or X) or the old 15 digits.
    if n == 18 and digits[:17].isdigit() and (_valid_date(digits[6:14]) or digits[-1] in "Xx" or context == ID_CARD):
        return ID_CARD
    if n == 15 and digits.isdigit() and (_valid_date("19" + digits[6:12]) or context == ID_CARD):
        return ID_CARD
    if context == ID_CARD and 14 <= n <= 18:
        return ID_CARD
    if not digits.isdigit():
        return None
    # Bank cards: 16–19 digits, in groups of four (or 6 + rest) or not grouped at all.
    if 16 <= n <= 19 and not _looks_like_years(groups) and (len(groups) == 1 or (all(s == 4 for s in sizes[:-1]) and sizes[-1] <= 5) or sizes == [6, n - 6] or context == BANK_CARD):
        return BANK_CARD
    if context == BANK_CARD and 12 <= n <= 19:
        return BANK_CARD
    # A local number, recognisable only by the words before it: 打88888887找我, 电话 8888 0000.
    if context == LANDLINE and 7 <= n <= 12 and not (n == 8 and len(groups) == 3 and _valid_date(digits)):
        return LANDLINE
    if len(groups) == 1 and n >= 9:  # an order, policy or account number: nothing a FAQ needs
        return NUMBER
    return None


# A mobile told in two parts: 手机号前三位139，后面是12345678.
_SPLIT_MOBILE = re.compile(r"(?:手机|电话|号码)[^\d]{0,6}?(?<!\d)(?P<head>1[3-9]\d)(?!\d)[^\d【】]{1,8}?(?<!\d)(?P<tail>\d{8})(?!\d)")
_QQ_DOMAIN = re.compile(r"\s*@\s*qq(?:\s*[.。]\s*com)?(?![A-Za-z])", re.I)
_AREA_BEFORE = re.compile(r"(?<!\d)(0(?:10|2\d|[3-9]\d\d))(?!\d)[^\d【】]{0,8}$")
_EXTENSION = re.compile(r"\s*(?:转|分机|ext\.?|x)\s*\d{1,5}(?!\d)", re.I)


def _numbers(text: str) -> Iterator[Span]:
    """Personal numbers among the runs of digits of the shadow ``text``."""
    for run in _DIGITS.finditer(text):
        parts = list(re.finditer(r"\d+[Xx]?", run.group(0)))
        starts = [run.start() + p.start() for p in parts]
        ends = [run.start() + p.end() for p in parts]
        groups = [p.group(0) for p in parts]
        i = 0
        while i < len(groups):
            context = _context(text[: starts[i]]) if i == 0 or text[ends[i - 1] : starts[i]].strip(" ") in {",", "，", "、"} else None
            found = None
            for j in range(min(len(groups), i + 20) - 1, i - 1, -1):  # the longest window first
                label = _classify("".join(groups[i : j + 1]), groups[i : j + 1], context)
                if label:
                    found = (j, label)
                    break
            if found is None:
                i += 1
                continue
            j, label = found
            start, end = starts[i], ends[j]
            if label == LANDLINE:  # an extension: -123 in the same run, or 转123 after it
                if j + 1 < len(groups) and len(groups[j + 1]) <= 5 and "-" in text[end : starts[j + 1]]:
                    j += 1
                    end = ends[j]
                elif extension := _EXTENSION.match(text, end):
                    end = extension.end()
            if label == QQ and (domain := _QQ_DOMAIN.match(text, end)):
                end = domain.end()  # 334455667@qq: the number is the address
            while start > 0 and text[start - 1] in "+(（":
                start -= 1
            if end < len(text) and text[end] in ")）" and text[start] in "(（":
                end += 1
            yield Span(start, end, label)
            i = j + 1


@functools.cache
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    single = (
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
        "钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛"
        "樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁"
        "冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米"
        "柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南"
        "班储原栗燕楚鄢劳谌奚皮粟冼蔺楼闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云"
        "容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼"
        "居揭干尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
    )
    double = "欧阳 司马 上官 诸葛 东方 皇甫 令狐 慕容 尉迟 长孙 宇文 司徒 夏侯 端木 公孙 南宫 西门 独孤 轩辕 呼延 百里 申屠 太史 万俟 澹台"
    return frozenset(single), frozenset(double.split())


# After 我是/我叫/本人/我姓…: the name, then a character a given name does not have.
_NAME_INTRO = re.compile(
    r"(?:我是|我叫|我姓|免贵姓|贵姓|本人姓(?!名)|鄙人姓(?!名)|在下姓(?!名)|本人|鄙人|在下|我的名字是|我的名字叫|名字是|名字叫|名叫|姓名|联系人|车主是|车主)"
    # a role between: 我是老客户徐明, 我是欧蓝德车主张伟
    r"\s*(?:是|叫|为|:|：)?\s*(?:[\u4e00-\u9fffA-Za-z0-9]{0,5}?(?:老客户|客户|车主|业主|顾客|用户|会员))?\s*"
)
_NOT_NAME = set(
    "想要问的在是了也和与跟从去来到买看有今昨打请能可会就还都已准预家住这那个啊呀呢吧嘛哦哈么吗"
    "，。、！？,.!?;；:：（）()【】 的们个位呢您你我他她它做用开提订试买卖换修"
)
_TITLES = ("先生", "女士", "小姐", "老师", "师傅", "阿姨", "大哥", "大姐", "总", "经理", "老板")


def _not_a_name(word: str) -> bool:
    """A dictionary word whose part of speech is not a person's name (nr…): 全款, 马上."""
    tag = segmenter().tag(word)
    return tag is not None and not tag.startswith("nr")


def _names(text: str, keep: frozenset[str]) -> Iterator[Span]:
    """Names customers give for themselves: 我是张伟, 我叫李娜, 本人王芳, 我姓刘, 我是李先生."""
    single, double = _surnames()
    for intro in _NAME_INTRO.finditer(text):
        start = intro.end()
        rest = text[start : start + 6]
        surname = rest[:2] if rest[:2] in double else rest[:1] if rest[:1] in single else ""
        if not surname:
            continue
        if any(rest.startswith(word) for word in keep):
            continue  # 我是欧蓝德车主: a model or dealer word, not a name
        title = next((t for t in _TITLES if rest[len(surname) :].startswith(t)), "")
        if title:
            yield Span(start, start + len(surname) + len(title), NAME)
            continue
        given = ""
        surname_only = "姓" in intro.group(0) and "姓名" not in intro.group(0)
        if not surname_only:
            for ch in rest[len(surname) :]:
                if len(given) == 2 or ch in _NOT_NAME or not re.match(f"[{_HAN}]", ch):
                    break
                given += ch
        name = surname + given
        if given and _not_a_name(name[:2]) and _not_a_name(name):
            continue  # 我是全款买的, 我是马上要提车: a dictionary word, not a name
        if not given and not surname_only:
            continue
        yield Span(start, start + len(name), NAME)
        if surname_only:  # 姓黄名磊, 姓李，叫李明, 姓刘，刘先生: the rest of the name follows
            yield from _name_after_surname(text, start + len(name), surname)
    for intro in _LATIN_NAME.finditer(text):
        if intro.group("name").lower() not in {word.lower() for word in keep}:
            yield Span(intro.start("name"), intro.end("name"), NAME)


# After 我姓刘: 名磊, ，叫李明, ，刘先生 - the given or full name said next.
_AFTER_SURNAME = re.compile(r"[，,、\s]*(?:(?:(?:我|全名|名字)?(?:叫做|叫|名叫)|名(?![字称]))\s*)?")
# A Latin name after 我叫/名字叫/my name is: Tom Zhang, Li Ming.
_LATIN_NAME = re.compile(
    r"(?:我叫|我的名字是|我的名字叫|名字叫|名字是|名叫|英文名|英文名字?是|(?i:my name is))\s*(?:是|:|：)?\s*"
    r"(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})(?![A-Za-z])"
)


def _name_after_surname(text: str, at: int, surname: str) -> Iterator[Span]:
    lead = _AFTER_SURNAME.match(text, at)
    assert lead is not None
    start = lead.end()
    said = lead.group(0).strip("，,、 ") != ""
    rest = text[start : start + 6]
    if rest.startswith(surname):
        title = next((t for t in _TITLES if rest[len(surname) :].startswith(t)), "")
        if title:
            yield Span(start, start + len(surname) + len(title), NAME)
            return
        said = True
    elif not said:
        return
    given = ""
    for ch in rest:
        if len(given) == 3 or ch in _NOT_NAME or not re.match(f"[{_HAN}]", ch):
            break
        given += ch
    if given and (len(given) > 1 or said):
        yield Span(start, start + len(given), NAME)


# House numbers: 3栋2单元501室, 5号楼1单元302, 12幢301, B座1203室, 三栋二单元.
_ADDRESS_NUM = r"[0-9A-Za-z零〇一二三四五六七八九十百]{1,6}"
_ADDRESS = re.compile(
    rf"{_B}(?:{_ADDRESS_NUM}\s?(?:号楼|栋|幢|座|单元|楼|层|室|户|号院|号|区|期|门|梯)\s?-?\s?){{1,5}}"
    # the room number, in digits or numerals read one by one (五零一)
    rf"(?:(?:\d{{2,5}}|[零〇一二三四五六七八九幺]{{3,4}})(?![\d零〇一二三四五六七八九十百千万元公里km])(?:室|房|户)?)?",
    re.I,
)
# Building-unit-room written with dashes: 3-2-501, 12-1-1102 (the room has 3 or 4 digits).
# Not a date (18-3-2025) nor a range or a measure (3-5-100公里).
_ADDRESS_DASHED = re.compile(
    r"(?<![\d.\-/:])\d{1,2}-\d{1,2}-(?!19\d\d|20\d\d)\d{3,4}(?![\d.\-/:%万元千百公里年月日号期次天个kmKM])"
)
_ADDRESS_STRONG = re.compile(r"号楼|栋|幢|单元|室|号院")


def _spans(text: str, keep: frozenset[str]) -> list[Span]:
    """Every personal datum in the shadow ``text``, without overlaps, in text order."""
    taken: list[Span] = []

    def add(span: Span) -> None:
        if span.end > span.start and not any(span.start < t.end and t.start < span.end for t in taken):
            taken.append(span)

    for match in [*_EMAIL.finditer(text), *_EMAIL_COMMA.finditer(text), *_EMAIL_ZAI.finditer(text)]:
        local = match.group("local")
        start = match.start()
        if re.search(f"[{_HAN}]", local):
            cut = _EMAIL_INTRO.match(local)
            if cut:
                start += cut.end()
            start = max(start, match.start("local") + len(local) - 12)
        add(Span(start, match.end(), EMAIL))
    for match in _WECHAT.finditer(text):
        bare = text[match.start() : match.start("secret")].strip() in {"加", "微", "薇"}  # 加ASX2025款的配件: no WeChat
        if not (bare and any(match.group("secret").lower().startswith(w.lower()) for w in keep if w.isascii() and len(w) > 1)):
            add(Span(match.start("secret"), match.end("secret"), WECHAT))
    for span in _vins(text, keep):
        add(span)
    for match in _PLATE.finditer(text):
        add(Span(match.start(), match.end(), PLATE))
    for match in _DOCUMENT.finditer(text):
        add(Span(match.start(), match.end(), DOCUMENT))
    for match in _DOCUMENT_AFTER.finditer(text):
        if re.search(r"\d", match.group("secret")):
            add(Span(match.start("secret"), match.end("secret"), DOCUMENT))
    for span in _numbers(text):
        add(span)
        # a local number whose area code was given on its own just before: 区号0731电话88886666
        local = span.label == LANDLINE and re.sub(r"\D", "", text[span.start : span.end])[:1] in "123456789"
        if local and (area := _AREA_BEFORE.search(text, max(0, span.start - 14), span.start)):
            add(Span(area.start(1), area.end(1), LANDLINE))
    for match in _SPLIT_MOBILE.finditer(text):
        add(Span(match.start("head"), match.end("head"), MOBILE))
        add(Span(match.start("tail"), match.end("tail"), MOBILE))
    for span in _names(text, keep):
        add(span)
    for match in _ADDRESS.finditer(text):
        if _ADDRESS_STRONG.search(match.group(0)):
            value = match.group(0).rstrip(" -")
            add(Span(match.start(), match.start() + len(value), ADDRESS))
    for match in _ADDRESS_DASHED.finditer(text):
        add(Span(match.start(), match.end(), ADDRESS))
    return sorted(taken, key=lambda s: s.start)


def mask(text: str, keep: Iterable[str] = ()) -> tuple[str, Counter[str]]:
    """``text`` normalised, with personal data replaced by 【label】; and what was masked, by label.

    ``keep`` are words that are never a person's name (model names, dealer vocabulary),
    so 我是欧蓝德车主 keeps its 欧蓝德.
    """
    base = normalise(text)
    spans = _spans(shadow(base), frozenset(keep))
    counts: Counter[str] = Counter(span.label for span in spans)
    parts, last = [], 0
    for span in spans:
        parts.append(base[last : span.start])
        parts.append(f"【{span.label}】")
        last = span.end
    parts.append(base[last:])
    return "".join(parts), counts


# --- contact noise -------------------------------------------------------------------------

_PLACEHOLDER = r"【[^】]{1,8}】"
# Placeholders of data that only says how to reach the customer: never part of the question.
_CONTACT_PLACEHOLDER = f"【(?:{MOBILE}|{LANDLINE}|{EMAIL}|{QQ}|{WECHAT}|{NAME})】"
# A placeholder with the words that introduce it: 我的电话【手机号】, 加我微信【微信号】, 我是【姓名】.
_INTRODUCED = re.compile(
    r"(?:(?:我的|我|加我|加|本人|鄙人|在下|请|请联系|联系|联系我|我家|家住|住在|住|打|拨打|拨|致电|回电|回拨|"
    r"发到我|发给我|发我|发到|发给|发|call me|call|text me)?\s*"
    r"(?:手机号码|手机号|手机|电话号码|联系电话|电话|区号|座机|固话|联系方式|邮箱地址|邮箱|邮件|e-?mail|"
    rf"{_WECHAT_NAMES}|{_QQ_NAMES}|tel|phone|mobile|cell|passport|"
    r"车牌号码|车牌号|车牌|车架号|vin码|vin|身份证号码|身份证号|身份证|"
    r"[\u4e00-\u9fff]{0,2}(?:银行卡|卡号|卡)|"  # 银行卡, 建行卡, 信用卡号, 还款卡
    r"(?:往来)?(?:港澳|台湾)?(?:护照|通行证|台胞证|回乡证|回乡卡|港澳证|证件)|名字|姓名|联系人|地址|是|叫|姓|名)?"
    r"\s*(?:号码|号|id)?\s*(?:是|为|叫)?\s*[:：=]?\s*)?"
    # (unless the question goes on about it: 客服电话【电话】是多少)
    rf"(?:{_CONTACT_PLACEHOLDER}(?:先生|女士|小姐|找我|联系我)?(?![是的能可吗呢还在为怎])"
    + "|" + _PLACEHOLDER + r"(?:先生|女士|小姐|找我|联系我)?"
    # other data only where the phrase ends a clause: 车牌【车牌号】的车… is part of the question
    r"(?=[\s，。！？!?；;,~～…、/]|$|【))",
    re.I,
)
# What is said in brackets about the contact data: (微信同号), （同微信）.
_CONTACT_ASIDE = re.compile(r"[(（][^()（）]{0,6}(?:同号|同微信|微信同|手机同)[^()（）]{0,4}[)）]")
_CLAUSE = re.compile(r"[^，。！？!?；;,\s~～…]+|[，。！？!?；;,\s~～…]+")
# A clause made only of these asks to be contacted and says nothing about the question.
_CONTACT_WORDS = re.compile(
    r"请|麻烦|劳烦|尽快|赶紧|马上|及时|速|急|回复|回电话|回电|回个电话|回个|回我|回一下|给我|打给我|打我电话|打电话|来电|电话|"
    r"联系我|联系|加我|加一下|私聊|私信|短信|发我|发到|发给我|告诉我|通知我|留言|在线等|等回复|等你|谢谢|感谢|多谢|谢了|"
    r"找我|我|您|你|们|一下|下|的|了|吧|哈|啊|呀|哦|呢|好吗|好的|可以|方便|的话|时候|有空|看到|后|微信|邮箱|邮件|手机|"
    rf"同号|{_WECHAT_NAMES}|{_QQ_NAMES}|"
    r"或者|或|和|及|都|行|就|，|。|！|!|～|~|/",
    re.I,
)


def strip_contact(question: str) -> str:
    """``question`` (masked) without the phrases that only ask to be contacted or carry contact data.

    欧蓝德有没有混动版，联系【电话】 → 欧蓝德有没有混动版; a question mark at the end stays.
    """
    text = _INTRODUCED.sub(" ", _CONTACT_ASIDE.sub(" ", question))
    clauses = [c for c in _CLAUSE.findall(text)]
    kept: list[str] = []
    for clause in clauses:
        if re.fullmatch(r"[，。！？!?；;,\s~～…]+", clause) or _CONTACT_WORDS.sub("", clause).strip():
            kept.append(clause)
        elif kept and not re.fullmatch(r"[，。！？!?；;,\s~～…]+", kept[-1]):
            kept.append("")  # a dropped clause: the punctuation before it goes too (below)
    out = "".join(kept)
    ending = "？" if re.search(r"[？?]\s*$", question) else ""
    out = re.sub(r"[，,；;\s]+(?=[。！？!?]|$)", "", out)
    out = re.sub(r"^[，。！？!?；;,\s~～…]+", "", out)
    out = re.sub(r"[，,；;\s~～…]{2,}", lambda m: m.group(0).strip()[:1] or " ", out).strip()
    if ending and not re.search(r"[？?]$", out) and out:
        out = re.sub(r"[。！!，,]$", "", out) + ending
    return out
