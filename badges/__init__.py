"""Badge sheets (代表证): plain badge data in, PDF bytes out.

The only place that calls WeasyPrint for badges. Imports neither `event`, Litestar nor Piccolo.

    from badges import Badge, Meeting, render_badges
    meeting = Meeting("第四十次全国机械工业质量信得过班组、质量管理小组和质量品牌故事交流活动",
                      "2021年8月18日—20日")
    badge = Badge("0001", "王伟", "中国一重集团有限公司", "presenter", "", token,
                  room_lines=("第二分会场 · 8月18日 14:20",))
    pdf = render_badges([badge, ...], meeting, layout="a4-4up")   # or "a6", "card"

The caller selects and sorts (by unit, then 姓氏笔画); badges print in the order given.
`check_glyphs(badges, meeting)` lists characters no installed font has; `render_badges` raises
`MissingGlyphsError` with that list instead of printing empty boxes. Fonts: Noto Sans CJK SC
(fonts-noto-cjk), with per-glyph fallback for rare characters (fonts-hanazono covers CJK
extensions B-F).
"""

from badges.model import (
    CATEGORY_CODES,
    DEFAULT_PALETTE,
    LAYOUTS,
    Badge,
    Layout,
    Meeting,
    MissingGlyph,
    MissingGlyphsError,
    Palette,
    RoleStyle,
)
from badges.render import check_glyphs, render_badge, render_badges, render_html

__all__ = [
    "CATEGORY_CODES",
    "DEFAULT_PALETTE",
    "LAYOUTS",
    "Badge",
    "Layout",
    "Meeting",
    "MissingGlyph",
    "MissingGlyphsError",
    "Palette",
    "RoleStyle",
    "check_glyphs",
    "render_badge",
    "render_badges",
    "render_html",
]
