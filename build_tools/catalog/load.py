"""Stage 1 for the sales catalogue: vehicle model pages and dealer locations.

``content/models/<slug>.md`` front matter becomes :class:`VehicleModel` records and
``content/dealers.yml`` becomes :class:`Location` records; every problem is reported
with its file and line, like the FAQ's (see :mod:`build_tools.site.content`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..core.errors import Report, one_of
from ..core.frontmatter import Document, parse_yaml, read_markdown, read_text
from ..core.schema import PAGE_KEYS, Field, check_fields, check_printed_meta
from ..core.slugs import SLUG
from ..core.sources import Broken, author_files, check_image
from ..core.urls import URL_FIX, url_problem
from . import hours
from .records import Color, Location, Service, Trim, VehicleModel

HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
SERVICES = ("sales", "service")
DEALERS_FILE = "dealers.yml"

MODEL_FIELDS = (
    Field("name", "text", required=True, example="欧蓝德"),
    Field("name_en", "text"),
    Field("type", "text", required=True, example="紧凑型 SUV"),
    Field("price_from", "int", required=True, minimum=0, example="169800（整数，单位：元）"),
    Field("seats", "int", minimum=1),
    Field("summary", "text", required=True, example="一句话介绍这款车"),
    Field("image", "text"),
    Field("gallery", "texts"),
    Field("specs", "any"),
    Field("trims", "any"),
    Field("colors", "any"),
    Field("test_drive", "bool"),
    Field("maintenance", "any"),
    *PAGE_KEYS,
)

LOCATION_FIELDS = (
    Field("id", "text", required=True, example="xingsha（小写英文，用在网址和链接里）"),
    Field("name", "text", required=True, example="星沙旗舰店"),
    Field("city", "text", required=True, example="长沙"),
    Field("address", "text", required=True, example="星沙示例大道 88 号"),
    Field("phone", "text", required=True, example="0731-8888 0000"),
    Field("hours", "text"),
    Field("services", "texts", required=True, example="[sales, service]"),
    Field("map_url", "text"),
    Field("opening_hours", "texts", example=hours.EXAMPLE),
    Field("geo", "text", example=hours.GEO_EXAMPLE),
)


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext")
# Pages generated in content/models/ (see catalog/pages.py): an authored one would clash.
GENERATED_MODEL_PAGES = frozenset({"compare"})


def load_models(docs_dir: Path, rel_of: Any, report: Report, files: list[Path] | None = None, broken: Broken | None = None) -> dict[str, VehicleModel]:
    """Every ``content/models/<slug>.md`` except the authored ``index.md``.

    ``files`` are the author files below ``docs_dir`` (see :func:`sources.author_files`);
    anything else in ``content/models/`` is an error, since MkDocs would publish it
    as a plain page or copy it raw. Models whose file has an error go to ``broken``.
    """
    models: dict[str, VehicleModel] = {}
    models_dir = docs_dir / "models"
    if files is None:
        files = author_files(models_dir, [docs_dir], rel_of, report)
    for path in files:
        if models_dir not in path.parents:
            continue
        rel = rel_of(path)
        parts = path.relative_to(models_dir).parts
        stem, suffix = path.stem, path.suffix
        if len(parts) > 1:
            report.error(rel, 1, "", "车型文件不能放在子文件夹里（不会出现在车型列表中）", f"移到 content/models/{_slug_hint(stem)}.md")
            continue
        if path.name == "index.md":
            continue  # the authored text of the models index
        if suffix.lower() in MARKDOWN_SUFFIXES and suffix != ".md":
            report.error(rel, 1, "", f"车型文件的扩展名必须是小写的 .md，{path.name} 不会作为车型页发布", f"改名为 {_slug_hint(stem)}.md")
            continue
        if suffix != ".md":
            report.error(rel, 1, "", "content/models/ 里只能放车型 .md 文件", "图片请放到 content/assets/models/ 下，在车型页里写 image: assets/models/文件名")
            continue
        if not SLUG.match(stem):
            report.error(rel, 1, "", f"文件名 {path.name} 不能用作网址", f"车型文件名只能用小写英文字母、数字和连字符，例如 {_slug_hint(stem)}.md")
            continue
        if stem in GENERATED_MODEL_PAGES:
            report.error(rel, 1, "", f"{path.name} 是自动生成的车型对比页，不能自己写", "删除这个文件，或给车型换一个文件名")
            continue
        source = read_markdown(path, rel, report)
        model = _check_model(stem, rel, source.meta, docs_dir, report) if source is not None else None
        if model is not None:
            models[stem] = model
        elif broken is not None:
            broken.models.add(stem)
    return models


def _slug_hint(stem: str) -> str:
    """A lower-case slug suggestion for a file name (``Pajero Sport`` → ``pajero-sport``)."""
    hint = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return hint or "outlander"


def _check_model(slug: str, rel: str, doc: Document, docs_dir: Path, report: Report) -> VehicleModel | None:
    values = check_fields(doc, MODEL_FIELDS, report)
    check_printed_meta(doc, report, any_value=False)
    data = doc.data
    images: list[tuple[str, int | None, str]] = [("image", None, values["image"])] if "image" in values else []
    images += [("gallery", i, img) for i, img in enumerate(values.get("gallery", ()))]
    for key, index, image in images:
        problem = check_image(image, docs_dir)
        if problem is not None:
            line = doc.at(key) if index is None else doc.at(key, index)
            report.error(rel, line, key, *problem)
            values.pop(key, None)

    specs: list[tuple[str, str]] = []
    raw_specs = data.get("specs")
    if raw_specs is not None:
        if not isinstance(raw_specs, dict):
            report.error(rel, doc.at("specs"), "specs", "参数表应为“参数名: 参数值”的列表", "例如在 specs: 下面逐行写  发动机: 2.0L 自然吸气")
        else:
            for label, value in raw_specs.items():
                if value is None or isinstance(value, (dict, list)):
                    report.error(rel, doc.at("specs", str(label)), "specs", f"参数“{label}”没有填写值", f"写成 {label}: 具体数值")
                else:
                    # As written: a spec of `true` or `2.0` is shown as typed, not as YAML typed it.
                    specs.append((str(label), doc.text("specs", label) or str(value)))

    trims = [t for t in _records(doc, "trims", report, _check_trim) if t]
    colors = [c for c in _records(doc, "colors", report, lambda sub, report: _check_color(sub, report, docs_dir)) if c]
    maintenance = _check_maintenance(doc, report)

    if not {"name", "type", "price_from", "summary"} <= values.keys():
        return None
    return VehicleModel(
        slug=slug,
        name=values["name"],
        source=rel,
        type=values["type"],
        price_from=values["price_from"],
        summary=values["summary"],
        name_en=values.get("name_en", ""),
        seats=values.get("seats"),
        image=values.get("image", ""),
        gallery=values.get("gallery", ()),
        specs=tuple(specs),
        trims=tuple(trims),
        colors=tuple(colors),
        test_drive=values.get("test_drive", True),
        maintenance=maintenance,
    )


def _records(doc: Document, key: str, report: Report, check: Any) -> list[Any]:
    raw = doc.data.get(key)
    if raw is None:
        return []
    if not isinstance(raw, list):
        report.error(doc.path, doc.at(key), key, "应为列表，每项以“- ”开头", "参考 docs/authoring.md 中车型页的示例")
        return []
    return [check(doc.sub(key, i), report) for i, item in enumerate(raw)]


TRIM_FIELDS = (
    Field("name", "text", required=True, example="两驱精英版"),
    Field("price", "int", required=True, minimum=0, example="169800（整数，单位：元）"),
    Field("highlights", "texts"),
)
COLOR_FIELDS = (
    Field("name", "text", required=True, example="珍珠白"),
    Field("hex", "text", required=True, example='"#f5f5f0"（必须加引号）'),
    Field("image", "text", example="assets/models/outlander-white.svg（这个颜色的车型图，可不写）"),
)


def _check_item(sub: Document, fields: tuple[Field, ...], report: Report, what: str) -> dict[str, Any] | None:
    if not isinstance(sub.data, dict):
        report.error(sub.path, sub.at(), str(sub.prefix[0]), f"{what}写法不对：{sub.data!r}", "每项写成 - name: … 的形式，参考 docs/authoring.md")
        return None
    return check_fields(sub, fields, report)


def _check_trim(sub: Document, report: Report) -> Trim | None:
    values = _check_item(sub, TRIM_FIELDS, report, "车型版本")
    if values is None or not {"name", "price"} <= values.keys():
        return None
    return Trim(values["name"], values["price"], values.get("highlights", ()))


def _check_color(sub: Document, report: Report, docs_dir: Path) -> Color | None:
    values = _check_item(sub, COLOR_FIELDS, report, "颜色")
    if values is None:
        return None
    image = values.get("image", "")
    if image and (problem := check_image(image, docs_dir)) is not None:
        report.error(sub.path, sub.at("image"), "image", *problem)
        image = ""
    if not {"name", "hex"} <= values.keys():
        return None
    if not HEX_COLOR.match(values["hex"]):
        report.error(sub.path, sub.at("hex"), "hex", f"不是颜色值：{values['hex']!r}", '写成 # 加 6 位十六进制数并加引号，例如 hex: "#1f2a44"')
        return None
    return Color(values["name"], values["hex"], image)


SERVICE_FIELDS = (
    Field("km", "int", minimum=1, example="10000（整数，单位：公里，不要写“公里”）"),
    Field("months", "int", minimum=1, example="12（整数，单位：月）"),
    Field("items", "texts", required=True, example="[更换机油, 更换机油滤清器, 全车检查]"),
    Field("price", "int", minimum=0, example="480（整数，单位：元；免费写 0）"),
)
SERVICE_EXAMPLE = "参考 docs/authoring.md 中「保养计划」的示例"


def _check_maintenance(doc: Document, report: Report) -> tuple[Service, ...]:
    """``maintenance:``: a list of services, each checked on its own; problems name ``maintenance[n].field``.

    ``n`` counts from 1, as authors count the items of the list (``maintenance[2]`` is the second).
    """
    raw = doc.data.get("maintenance")
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        report.error(doc.path, doc.at("maintenance"), "maintenance", "应为列表，每次保养以“- km: …”开头", SERVICE_EXAMPLE)
        return ()
    services: list[Service] = []
    for index, item in enumerate(raw):
        name = f"maintenance[{index + 1}]"
        sub = doc.sub("maintenance", index)
        if not isinstance(item, dict):
            report.error(doc.path, sub.at(), name, f"保养项写法不对：{item!r}", "每项写成 - km: 10000，下面逐行写 months、items、price")
            continue
        found = Report()
        values = check_fields(sub, SERVICE_FIELDS, found)
        # The same messages as every field's, named by their place in the list.
        report.problems.extend(replace(p, field=f"{name}.{p.field}") for p in found.problems)
        ok = found.ok
        if "items" in values and not values["items"]:
            report.error(doc.path, sub.at("items"), f"{name}.items", "保养项目不能为空", "至少写一项，例如 items: [更换机油, 更换机油滤清器]")
            ok = False
        if all(item.get(key) in (None, "") for key in ("km", "months")):
            report.error(doc.path, sub.at(), name, "缺少保养间隔", "至少写 km（公里）或 months（月）中的一个，例如 km: 10000 和 months: 12（以先到者为准）")
            ok = False
        if ok:
            services.append(Service(items=values["items"], km=values.get("km"), months=values.get("months"), price=values.get("price")))
    return tuple(services)


def load_locations(docs_dir: Path, rel_of: Any, report: Report) -> list[Location]:
    """``content/dealers.yml``: the sales and service locations (optional file)."""
    path = docs_dir / DEALERS_FILE
    if not path.is_file():
        return []
    rel = rel_of(path)
    text = read_text(path, rel, report)
    doc = parse_yaml(text, rel, report) if text is not None else None
    if doc is None or doc.data is None:
        return []
    if not isinstance(doc.data, list):
        report.error(rel, doc.first_line, "", "经销商文件应为列表，每个网点以“- id: …”开头", "参考 docs/authoring.md 中 dealers.yml 的示例")
        return []
    locations: list[Location] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(doc.data):
        sub = doc.sub(index)
        if not isinstance(item, dict):
            report.error(rel, sub.at(), "", f"第 {index + 1} 个网点写法不对", "每个网点写成 - id: …，下面逐行写 name、city、address、phone、services")
            continue
        values = check_fields(sub, LOCATION_FIELDS, report)
        location_id = values.get("id")
        if location_id is not None:
            if not SLUG.match(location_id):
                report.error(rel, sub.at("id"), "id", f"网点编号 {location_id!r} 只能用小写英文字母、数字和连字符", "例如 id: xingsha")
                values.pop("id")
            elif location_id in seen:
                report.error(rel, sub.at("id"), "id", f"网点编号 {location_id} 与第 {seen[location_id]} 行重复", "每个网点的 id 必须不同")
                values.pop("id")
            else:
                seen[location_id] = sub.at("id")
        for i, service in enumerate(values.get("services", ())):
            if service not in SERVICES:
                report.error(rel, sub.at("services", i), "services", f"未知服务 {service!r}", f"只能写 {one_of(SERVICES)}（sales 销售，service 售后）")
                values.pop("services", None)
        map_url = values.get("map_url")
        if map_url and (problem := url_problem(map_url)) is not None:
            report.error(rel, sub.at("map_url"), "map_url", f"{problem}：{map_url!r}", f"从地图网站复制完整的分享链接；{URL_FIX}")
            values.pop("map_url")
        opening, geo = _structured_hours(values, sub, rel, report)
        if {"id", "name", "city", "address", "phone", "services"} <= values.keys():
            locations.append(Location(
                id=values["id"], name=values["name"], city=values["city"], address=values["address"],
                phone=values["phone"], hours=values.get("hours", ""), services=values["services"],
                map_url=values.get("map_url", ""), opening_hours=opening, geo=geo,
            ))
    return locations


def _structured_hours(values: dict[str, Any], sub: Document, rel: str, report: Report) -> tuple[tuple[hours.OpeningHours, ...], tuple[float, float] | None]:
    """A location's ``opening_hours`` lines and ``geo`` (catalog/hours.py), each problem reported at its line."""
    opening = []
    for i, line in enumerate(values.get("opening_hours", ())):
        parsed = hours.parse_hours(line)
        if isinstance(parsed, str):
            report.error(rel, sub.at("opening_hours", i), "opening_hours", parsed, hours.EXAMPLE)
        else:
            opening.append(parsed)
    geo = None
    if "geo" in values:
        found = hours.parse_geo(values["geo"])
        if isinstance(found, str):
            report.error(rel, sub.at("geo"), "geo", found, hours.GEO_EXAMPLE)
        else:
            geo = found
    return tuple(opening), geo
