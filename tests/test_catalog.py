"""Vehicle models and dealer locations: typed records, and an exact message for each mistake."""

from __future__ import annotations

from pathlib import Path

from conftest import write

from build_tools.catalog.load import load_locations, load_models
from build_tools.catalog.records import Color, Trim
from build_tools.core.errors import Report

MODEL = """\
---
name: 欧蓝德
name_en: Outlander
type: 中型 SUV
price_from: 169800
seats: 7
summary: 七座四驱
image: assets/outlander.png
specs:
  发动机: 2.0L
  油耗: 7.5L/100km
trims:
  - name: 两驱版
    price: 169800
    highlights: [七座]
  - name: 四驱版
    price: 199800
colors:
  - name: 白
    hex: "#ffffff"
---

正文
"""


def models(tmp_path: Path, text: str) -> tuple[dict, list[str]]:
    write(tmp_path, "content/models/outlander.md", text)
    write(tmp_path, "content/assets/outlander.png", b"\x89PNG")
    report = Report()
    found = load_models(tmp_path / "content", lambda p: p.relative_to(tmp_path).as_posix(), report)
    return found, [str(p) for p in report.errors]


def test_model_record(tmp_path: Path) -> None:
    found, errors = models(tmp_path, MODEL)
    assert errors == []
    model = found["outlander"]
    assert (model.name, model.type, model.price_from, model.seats, model.image) == ("欧蓝德", "中型 SUV", 169800, 7, "assets/outlander.png")
    assert model.specs == (("发动机", "2.0L"), ("油耗", "7.5L/100km"))
    assert model.trims == (Trim("两驱版", 169800, ("七座",)), Trim("四驱版", 199800))
    assert model.colors == (Color("白", "#ffffff"),)
    assert model.test_drive is True


def test_every_model_mistake_at_once(tmp_path: Path) -> None:
    bad = (
        MODEL.replace("type: 中型 SUV\n", "")
        .replace("price_from: 169800", "price_from: 16.98万")
        .replace("image: assets/outlander.png", "image: assets/missing.png")
        .replace("    price: 199800\n", "")
        .replace('hex: "#ffffff"', "hex: #ffffff")
    )
    _, errors = models(tmp_path, bad)
    assert errors == [
        "content/models/outlander.md:2: type: 缺少必填字段 — 请填写一段文字，例如 type: 紧凑型 SUV",
        "content/models/outlander.md:4: price_from: 应为整数，实际写的是 '16.98万' — 例如 price_from: 169800（整数，单位：元）",
        "content/models/outlander.md:7: image: 找不到图片 content/assets/missing.png — 把图片放进 content/ 文件夹，并写相对于 content/ 的路径，例如 assets/models/outlander.jpg",
        "content/models/outlander.md:15: price: 缺少必填字段 — 请填写整数，例如 price: 169800（整数，单位：元）",
        # an unquoted "#" starts a YAML comment, so the value is empty
        'content/models/outlander.md:18: hex: 必填字段不能为空 — 请填写一段文字，例如 hex: "#f5f5f0"（必须加引号）',
    ]


def test_color_must_be_hex(tmp_path: Path) -> None:
    _, errors = models(tmp_path, MODEL.replace('hex: "#ffffff"', "hex: white"))
    assert errors == ['content/models/outlander.md:20: hex: 不是颜色值：\'white\' — 写成 # 加 6 位十六进制数并加引号，例如 hex: "#1f2a44"']


def test_trim_without_price(tmp_path: Path) -> None:
    _, errors = models(tmp_path, MODEL.replace("    price: 199800\n", ""))
    assert errors == ["content/models/outlander.md:16: price: 缺少必填字段 — 请填写整数，例如 price: 169800（整数，单位：元）"]


DEALERS = """\
- id: xingsha
  name: 星沙店
  city: 长沙
  address: 星沙大道 1 号
  phone: 0731-8888 0000
  services: [sales, service]
- id: yuelu
  name: 岳麓服务站
  city: 长沙
  address: 岳麓路 2 号
  phone: 0731-8888 0001
  hours: 8:30-17:30
  services: [service]
  map_url: https://map.example.cn/?q=1
"""


def locations(tmp_path: Path, text: str) -> tuple[list, list[str]]:
    write(tmp_path, "content/dealers.yml", text)
    report = Report()
    found = load_locations(tmp_path / "content", lambda p: p.relative_to(tmp_path).as_posix(), report)
    return found, [str(p) for p in report.errors]


def test_locations(tmp_path: Path) -> None:
    found, errors = locations(tmp_path, DEALERS)
    assert errors == []
    assert [(x.id, x.sells, x.services_cars, x.tel_url) for x in found] == [
        ("xingsha", True, True, "tel:073188880000"),
        ("yuelu", False, True, "tel:073188880001"),
    ]


def test_bad_locations(tmp_path: Path) -> None:
    bad = DEALERS.replace("id: yuelu", "id: xingsha").replace("  phone: 0731-8888 0000\n", "").replace("[service]", "[service, parts]")
    found, errors = locations(tmp_path, bad)
    assert errors == [
        "content/dealers.yml:1: phone: 缺少必填字段 — 请填写一段文字，例如 phone: 0731-8888 0000",
        "content/dealers.yml:6: id: 网点编号 xingsha 与第 1 行重复 — 每个网点的 id 必须不同",
        "content/dealers.yml:12: services: 未知服务 'parts' — 只能写 sales、service（sales 销售，service 售后）",
    ]
    assert found == []
