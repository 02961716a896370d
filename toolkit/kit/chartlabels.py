"""Chart labels clear of lines and of each other, measured with matplotlib's own text extents: the check
(overlaps) the tests run on every chart, and the fix (settle_labels) chartstyle.finish applies."""
from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox, ScaledTranslation

MOVABLE = ("value-", "level-", "total-")  # gids of labels that settle_labels may move off lines and other labels



def _texts(fig: Figure) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and t.figure is fig]


def _lines(fig: Figure) -> list[Line2D]:
    """Lines a label could sit on: data and reference lines of the axes (not grids, ticks or legend keys)."""
    out = []
    for ax in fig.axes:
        grid = {*ax.get_xgridlines(), *ax.get_ygridlines()}
        out += [ln for ln in ax.lines if ln.get_visible() and ln not in grid and ln.get_gid() != "axis-break"]
    return out


def _hits(box: Bbox, line: Line2D) -> bool:
    path = line.get_transform().transform_path(line.get_path())
    return path.intersects_bbox(box, filled=False)


def _name(artist) -> str:
    return artist.get_gid() or (artist.get_text()[:24] if isinstance(artist, Text) else type(artist).__name__)


def overlaps(fig: Figure) -> list[tuple[str, str]]:
    """Every pair of labels that overlap each other, and every label drawn over a line, measured with
    matplotlib's own text extents (the figure must be laid out: finish() does it)."""
    fig.draw_without_rendering()  # legends and ticks take their final places only when drawn
    renderer = fig.canvas.get_renderer()
    texts = _texts(fig)
    boxes = [t.get_window_extent(renderer).shrunk(0.98, 0.9) for t in texts]
    found = []
    for i, (a, box) in enumerate(zip(texts, boxes)):
        for b, other in zip(texts[i + 1:], boxes[i + 1:]):
            if box.overlaps(other):
                found.append((_name(a), _name(b)))
        found += [(_name(a), _name(line)) for line in _lines(fig) if _hits(box, line)]
    return found


def _shift(text: Text, dx: float, dy: float) -> None:
    """Move a label by (dx, dy) points from where it was placed."""
    if isinstance(text, Annotation) and text.anncoords == "offset points":
        x, y = text._ita_origin = getattr(text, "_ita_origin", text.xyann)
        text.xyann = (x + dx, y + dy)
        return
    base = getattr(text, "_ita_transform", None) or text.get_transform()
    text._ita_transform = base
    text.set_transform(base + ScaledTranslation(dx / 72, dy / 72, text.figure.dpi_scale_trans))


def settle_labels(fig: Figure) -> None:
    """Values, levels and totals that land on a line or another label move the least distance that
    clears them (sideways first for a left-aligned value, up or down first for a centred one)."""
    renderer = fig.canvas.get_renderer()
    movable = [t for t in _texts(fig) if (t.get_gid() or "").startswith(MOVABLE)]
    if not movable:
        return
    fixed = [t.get_window_extent(renderer) for t in _texts(fig) if t not in movable]
    lines = _lines(fig)
    frame = fig.bbox
    placed: list[Bbox] = []
    steps = [k * 2.0 for k in range(1, 25)]
    for text in movable:
        sideways = [(d, 0.0) for d in steps]
        upright = [(0.0, s * d) for d in steps for s in (-1, 1)]
        tries = [(0.0, 0.0)] + (sideways + upright if text.get_ha() == "left" else upright + sideways)
        for dx, dy in tries:
            _shift(text, dx, dy)
            box = text.get_window_extent(renderer).shrunk(0.98, 0.9)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not any(box.overlaps(o) for o in fixed + placed) and not any(_hits(box, ln) for ln in lines):
                break
        else:
            _shift(text, 0.0, 0.0)  # nowhere clear within reach: keep the first place
        placed.append(text.get_window_extent(renderer))
