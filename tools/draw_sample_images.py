"""Draw the sample site's pictures (SVG, made here, nothing downloaded).

Writes content/assets/models/<slug>-<colour>.svg (a side view of each sample model in
each of its colours), <slug>-night.svg and <slug>-interior.svg (gallery), and
content/assets/home/hero.svg. Run from the repository root: python tools/draw_sample_images.py
The pictures are committed; run this again only to change them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "content" / "assets" / "models"
HOME = ROOT / "content" / "assets" / "home"


@dataclass(frozen=True)
class Shape:
    """A side view: x of tail and nose, roof height, where the roof starts and ends, wheel centres."""

    tail: int
    nose: int
    roof: int
    roof_rear: int
    roof_front: int
    screen_base: int
    rear_wheel: int
    front_wheel: int
    tail_top: int
    coupe: bool = False


SHAPES = {
    "outlander": Shape(60, 585, 92, 95, 395, 452, 170, 468, 112),
    "asx": Shape(90, 560, 104, 125, 385, 440, 190, 460, 126),
    "eclipse-cross": Shape(80, 570, 100, 175, 380, 440, 185, 462, 150, coupe=True),
}
NAMES = {"outlander": "欧蓝德 Outlander", "asx": "劲炫 ASX", "eclipse-cross": "奕歌 Eclipse Cross"}
COLOURS = {
    "outlander": [("white", "珍珠白", "#f3f3ef"), ("grey", "钛金灰", "#5b5f63"), ("black", "宝石黑", "#15171a"), ("red", "红钻色", "#8c1c23"), ("blue", "深海蓝", "#1f2a44")],
    "asx": [("white", "珍珠白", "#f3f3ef"), ("silver", "冰川银", "#c8ccd0"), ("black", "宝石黑", "#15171a"), ("orange", "活力橙", "#d9682b")],
    "eclipse-cross": [("red", "红钻色", "#a01e2a"), ("white", "珍珠白", "#f3f3ef"), ("grey", "钛金灰", "#5b5f63"), ("black", "宝石黑", "#15171a")],
}
GROUND = 262


def shade(hex_colour: str, factor: float) -> str:
    """The colour made darker (factor < 1) or lighter (> 1)."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    if factor < 1:
        r, g, b = (int(c * factor) for c in (r, g, b))
    else:
        r, g, b = (int(c + (255 - c) * (factor - 1)) for c in (r, g, b))
    return f"#{r:02x}{g:02x}{b:02x}"


def car(s: Shape, paint: str, uid: str, lights: bool = False) -> str:
    """One car in side view, nose to the right, wheels standing on y=GROUND."""
    sill, belt = GROUND - 44, 170
    if s.coupe:
        greenhouse = f"L{s.tail + 10},{s.tail_top} Q{s.roof_rear - 40},{s.roof + 14} {s.roof_rear},{s.roof}"
    else:
        greenhouse = f"L{s.tail},{s.tail_top} Q{s.tail + 4},{s.roof + 4} {s.roof_rear},{s.roof}"
    body = (
        f"M{s.tail},{sill} L{s.tail - 4},{belt + 20} {greenhouse} "
        f"L{s.roof_front},{s.roof} Q{s.roof_front + 22},{s.roof + 2} {s.screen_base},{belt - 6} "
        f"L{s.nose - 30},{belt + 4} Q{s.nose},{belt + 10} {s.nose},{belt + 40} L{s.nose + 2},{sill} Z"
    )
    glass_top = s.roof + 9
    rear_glass = s.tail + 34 if s.coupe else s.tail + 16
    glass = (
        f"M{rear_glass},{belt - 8} L{s.roof_rear + (14 if s.coupe else 6)},{glass_top} "
        f"L{s.roof_front - 4},{glass_top} Q{s.roof_front + 14},{glass_top + 2} {s.screen_base - 16},{belt - 8} Z"
    )
    pillar = (s.roof_rear + s.roof_front) // 2 + 20
    wheels = ""
    for x in (s.rear_wheel, s.front_wheel):
        wheels += (
            f'<circle cx="{x}" cy="{GROUND - 38}" r="47" fill="#1d1f22"/>'
            f'<circle cx="{x}" cy="{GROUND - 38}" r="38" fill="#2a2c30"/>'
            f'<circle cx="{x}" cy="{GROUND - 38}" r="25" fill="url(#rim{uid})"/>'
            + "".join(f'<rect x="{x - 3}" y="{GROUND - 62}" width="6" height="22" rx="2" fill="#8a9096" transform="rotate({a} {x} {GROUND - 38})"/>' for a in range(0, 360, 72))
            + f'<circle cx="{x}" cy="{GROUND - 38}" r="6" fill="#5d636a"/>'
        )
    arches = "".join(f'<path d="M{x - 56},{sill + 4} A56 56 0 0 1 {x + 56},{sill + 4} Z" fill="#2b2d31"/>' for x in (s.rear_wheel, s.front_wheel))
    beam = (f'<path d="M{s.nose},{belt + 22} L{s.nose + 260},{belt - 30} L{s.nose + 260},{belt + 80} Z" fill="url(#beam{uid})"/>' if lights else "")
    return f"""
  <defs>
    <linearGradient id="paint{uid}" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="{shade(paint, 1.25)}"/><stop offset=".45" stop-color="{paint}"/><stop offset="1" stop-color="{shade(paint, .62)}"/>
    </linearGradient>
    <linearGradient id="glass{uid}" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#4a5866"/><stop offset=".6" stop-color="#1e262e"/><stop offset="1" stop-color="#34414d"/>
    </linearGradient>
    <radialGradient id="rim{uid}"><stop offset="0" stop-color="#d7dbdf"/><stop offset="1" stop-color="#7b8289"/></radialGradient>
    <linearGradient id="beam{uid}" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#fff6cc" stop-opacity=".55"/><stop offset="1" stop-color="#fff6cc" stop-opacity="0"/></linearGradient>
  </defs>
  <ellipse cx="{(s.tail + s.nose) // 2}" cy="{GROUND}" rx="{(s.nose - s.tail) // 2 + 30}" ry="12" fill="#000" opacity=".28"/>
  {beam}
  <path d="{body}" fill="url(#paint{uid})" stroke="{shade(paint, .45)}" stroke-width="2" stroke-linejoin="round"/>
  <path d="{glass}" fill="url(#glass{uid})"/>
  <rect x="{pillar}" y="{glass_top}" width="9" height="{belt - glass_top - 6}" fill="{shade(paint, .5)}"/>
  <path d="M{s.tail + 6},{belt + 18} L{s.nose - 40},{belt + 16}" stroke="#fff" stroke-opacity=".35" stroke-width="3" fill="none"/>
  <path d="M{s.tail + 4},{sill - 14} L{s.nose - 6},{sill - 14}" stroke="{shade(paint, .5)}" stroke-width="2" fill="none"/>
  <rect x="{pillar - 40}" y="{belt + 26}" width="22" height="5" rx="2" fill="{shade(paint, .5)}"/>
  <rect x="{pillar + 70}" y="{belt + 26}" width="22" height="5" rx="2" fill="{shade(paint, .5)}"/>
  <path d="M{s.nose - 34},{belt + 12} L{s.nose - 6},{belt + 16} L{s.nose - 10},{belt + 26} L{s.nose - 38},{belt + 22} Z" fill="{'#fffbe0' if lights else '#e9eef2'}" stroke="#6c7378"/>
  <path d="M{s.tail - 3},{belt + 18} L{s.tail + 18},{belt + 18} L{s.tail + 16},{belt + 30} L{s.tail - 3},{belt + 30} Z" fill="#c8102e"/>
  <path d="M{s.tail - 2},{sill - 10} L{s.nose},{sill - 10} L{s.nose - 2},{sill + 4} L{s.tail + 2},{sill + 4} Z" fill="#2b2d31"/>
  {arches}
  <path d="M{s.roof_rear + 10},{s.roof - 5} L{s.roof_front - 10},{s.roof - 5}" stroke="#3a3d42" stroke-width="5" stroke-linecap="round"/>
  {wheels}"""


def side_view(slug: str, colour_name: str, paint: str) -> str:
    s = SHAPES[slug]
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 320" width="640" height="320" role="img" aria-label="{NAMES[slug]} {colour_name} 侧面示意图">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f7f7f8"/><stop offset=".78" stop-color="#e4e6e9"/><stop offset="1" stop-color="#d3d6da"/></linearGradient></defs>
  <rect width="640" height="320" fill="url(#bg)"/>
  <rect y="{GROUND}" width="640" height="{320 - GROUND}" fill="#cfd3d7"/>
  {car(s, paint, "a")}
  <text x="24" y="302" font-family="sans-serif" font-size="20" font-weight="700" fill="#2b2f33">{NAMES[slug]}</text>
  <text x="616" y="302" text-anchor="end" font-family="sans-serif" font-size="15" fill="#5a6066">{colour_name} · 示意图</text>
</svg>
"""


def night_view(slug: str, paint: str) -> str:
    s = SHAPES[slug]
    stars = "".join(f'<circle cx="{(i * 97) % 640}" cy="{(i * 53) % 150}" r="{1 + i % 2}" fill="#fff" opacity=".6"/>' for i in range(1, 28))
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 320" width="640" height="320" role="img" aria-label="{NAMES[slug]} 夜间示意图">
  <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#0d1b2e"/><stop offset="1" stop-color="#30405a"/></linearGradient></defs>
  <rect width="640" height="320" fill="url(#sky)"/>{stars}
  <path d="M0,210 L40,210 L40,170 L80,170 L80,195 L130,195 L130,150 L165,150 L165,205 L230,205 L230,175 L280,175 L280,200 L640,200 L640,262 L0,262 Z" fill="#1a2536"/>
  <rect y="{GROUND}" width="640" height="{320 - GROUND}" fill="#232a33"/>
  <path d="M0,292 L640,292" stroke="#e8c547" stroke-width="3" stroke-dasharray="30 24"/>
  {car(s, paint, "n", lights=True)}
  <text x="24" y="40" font-family="sans-serif" font-size="20" font-weight="700" fill="#fff">{NAMES[slug]}</text>
  <text x="616" y="40" text-anchor="end" font-family="sans-serif" font-size="15" fill="#c9d2de">夜间 · 示意图</text>
</svg>
"""


def interior(slug: str) -> str:
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 320" width="640" height="320" role="img" aria-label="{NAMES[slug]} 内饰示意图">
  <defs>
    <linearGradient id="dash" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#3a3f46"/><stop offset="1" stop-color="#17191c"/></linearGradient>
    <linearGradient id="view" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#cfe3f2"/><stop offset="1" stop-color="#eef4ea"/></linearGradient>
    <linearGradient id="screen" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1c3f66"/><stop offset="1" stop-color="#0b1a2b"/></linearGradient>
  </defs>
  <rect width="640" height="320" fill="url(#view)"/>
  <path d="M0,0 L640,0 L640,40 Q320,10 0,40 Z" fill="#1b1d20"/>
  <path d="M0,150 Q320,110 640,150 L640,320 L0,320 Z" fill="url(#dash)"/>
  <rect x="250" y="128" width="150" height="86" rx="8" fill="url(#screen)" stroke="#777" stroke-width="2"/>
  <text x="325" y="170" text-anchor="middle" font-family="sans-serif" font-size="16" fill="#fff">{NAMES[slug].split()[0]}</text>
  <text x="325" y="194" text-anchor="middle" font-family="sans-serif" font-size="12" fill="#9fc3e8">导航 · 音乐 · 手机互联</text>
  <circle cx="150" cy="250" r="88" fill="none" stroke="#0f1012" stroke-width="20"/>
  <path d="M70,262 Q150,230 230,262" stroke="#0f1012" stroke-width="18" fill="none"/>
  <circle cx="150" cy="250" r="26" fill="#26292d"/>
  <path d="M141,244 L150,236 L159,244 L150,262 Z" fill="#c8102e"/>
  <rect x="430" y="150" width="160" height="24" rx="6" fill="#2c3036"/>
  <circle cx="470" cy="240" r="18" fill="#2c3036"/><circle cx="530" cy="240" r="18" fill="#2c3036"/>
  <text x="616" y="306" text-anchor="end" font-family="sans-serif" font-size="15" fill="#c9ced4">内饰 · 示意图</text>
</svg>
"""


def hero() -> str:
    cars = (
        car(SHAPES["outlander"], "#8c1c23", "h1"),
    )
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 700" width="1600" height="700" role="img" aria-label="展厅前的三款 SUV 示意图" preserveAspectRatio="xMidYMid slice">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#2a3447"/><stop offset=".55" stop-color="#b86a4f"/><stop offset="1" stop-color="#f1b27a"/></linearGradient>
    <linearGradient id="floor" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#43464c"/><stop offset="1" stop-color="#1d1f23"/></linearGradient>
    <linearGradient id="glassw" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f6d9b5" stop-opacity=".5"/><stop offset="1" stop-color="#ffffff" stop-opacity=".15"/></linearGradient>
  </defs>
  <rect width="1600" height="700" fill="url(#sky)"/>
  <path d="M0,470 L90,470 L90,380 L160,380 L160,430 L260,430 L260,340 L330,340 L330,450 L470,450 L470,400 L560,400 L560,460 L1600,460 L1600,520 L0,520 Z" fill="#3b2f3a" opacity=".55"/>
  <rect x="620" y="250" width="980" height="260" fill="#24272d"/>
  <rect x="640" y="270" width="940" height="210" fill="url(#glassw)"/>
  {''.join(f'<rect x="{x}" y="270" width="6" height="210" fill="#24272d"/>' for x in range(755, 1580, 118))}
  <rect x="620" y="222" width="980" height="34" fill="#c8102e"/>
  <text x="1560" y="246" text-anchor="end" font-family="sans-serif" font-size="22" font-weight="700" fill="#fff">星沙示例三菱 4S 店 · 示意图</text>
  <rect y="500" width="1600" height="200" fill="url(#floor)"/>
  <g transform="translate(690 300) scale(.72)">{car(SHAPES["asx"], "#f3f3ef", "h2")}</g>
  <g transform="translate(1130 312) scale(.7)">{car(SHAPES["eclipse-cross"], "#5b5f63", "h3")}</g>
  <g transform="translate(830 330) scale(1.05)">{cars[0]}</g>
</svg>
"""


def main() -> None:
    MODELS.mkdir(parents=True, exist_ok=True)
    HOME.mkdir(parents=True, exist_ok=True)
    for slug, colours in COLOURS.items():
        for key, name, paint in colours:
            (MODELS / f"{slug}-{key}.svg").write_text(side_view(slug, name, paint), encoding="utf-8")
        (MODELS / f"{slug}-night.svg").write_text(night_view(slug, {"outlander": "#8c1c23", "asx": "#d9682b", "eclipse-cross": "#a01e2a"}[slug]), encoding="utf-8")
        (MODELS / f"{slug}-interior.svg").write_text(interior(slug), encoding="utf-8")
    (HOME / "hero.svg").write_text(hero(), encoding="utf-8")


if __name__ == "__main__":
    main()
