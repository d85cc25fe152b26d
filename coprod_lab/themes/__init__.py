"""Themes in what people said: a theme model, readable themes, codes, agreement and plots.

    from coprod_lab.themes import find_themes
    found = find_themes(table, "text", speaker_column="speaker", role_column="role")
    found.table()          # label, top terms, size, share, quotes, share by role
    found.rows()           # every row's theme, or "unclustered" and why
    found.rename(0, "Kind staff"); found.merge([1, 2]); found.split(3)

Heavy imports (scikit-learn, scipy) load only when this package is imported, never by pages.
"""

from coprod_lab.themes.model import UNCLUSTERED, Stability, ThemeModel
from coprod_lab.themes.result import Quote, Theme, Themes, find_themes

__all__ = ["UNCLUSTERED", "Quote", "Stability", "Theme", "ThemeModel", "Themes", "find_themes"]
