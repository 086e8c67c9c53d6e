"""Badge sheets (代表证): plain badge data in, PDF bytes out.

The only place that calls WeasyPrint for badges. Imports neither `event`, Litestar nor Piccolo.
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
