"""The fixture site with maintenance plans, for tests/test_maintenance*.py (copied, never written in place)."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURE_SITE, copy_site, write

SERVICE_FORM = "https://form.example.cn/service?model={model}&store={dealer}"

ALPHA_PLAN = """\
maintenance:
  - km: 5000
    months: 6
    items: [更换机油, 更换机油滤清器, 全车检查]
    price: 0
  - km: 10000
    months: 12
    items: [更换机油, 更换机油滤清器, 更换空调滤芯]
    price: 480
"""

# A name and items with every character RFC 5545 escapes in text (comma, semicolon, backslash),
# items long enough that their lines must be folded, and markup that must stay text.
GAMMA_NAME = "伽马, 运动版; 限量\\款"
GAMMA = f"""\
---
name: '{GAMMA_NAME}'
type: SUV
price_from: 120000
summary: 名字里有逗号和分号的测试车型
maintenance:
  - months: 12
    items:
      - "更换机油, 机油滤清器; 检查刹车片\\\\刹车油"
      - 检查轮胎气压和胎纹深度 四轮定位 刹车盘磨损 雨刮片 灯光 蓄电池电压和冷却液液位
      - "机油 <b>5W-30</b> & </script>"
    price: 1280
---

伽马是测试车型。
"""

# A plan by mileage only: its dates need the mileage.
DELTA = """\
---
name: 德尔塔
type: 轿车
price_from: 90000
summary: 只按里程保养的测试车型
maintenance:
  - km: 7500
    items: [更换机油]
    price: 300
---

德尔塔是测试车型。
"""


def maintenance_site(dest: Path) -> Path:
    """A copy of the fixture site: 阿尔法 with a two-service plan, 伽马 and 德尔塔 with one-service plans, a service form."""
    root = copy_site(FIXTURE_SITE, dest)
    alpha = root / "content/models/alpha.md"
    text = alpha.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    alpha.write_text(head + "\n" + ALPHA_PLAN.rstrip("\n") + sep + body, encoding="utf-8")
    write(root, "content/models/gamma.md", GAMMA)
    write(root, "content/models/delta.md", DELTA)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      leads:\n", f"      leads:\n        service: {SERVICE_FORM}\n"), encoding="utf-8")
    return root
