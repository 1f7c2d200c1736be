"""Trend projection from a short yearly series: compound growth when the series is positive, else linear.

Policy indicators (shares, rates, amounts) usually grow multiplicatively, so CAGR is the default; a series
that touches zero or changes sign cannot have one, and a straight line is the honest fallback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Projection:
    method: str
    """"cagr" or "linear"."""
    rate: float
    """Per year: a growth fraction for CAGR (0.05 = 5 %/yr), units per year for linear."""
    from_year: int
    from_value: float
    year: int
    value: float
    points: int = 2
    """How many observations the trend rests on: two points are a direction, not an assessment."""


def cagr(first: float, last: float, years: float) -> float:
    if years <= 0:
        raise ValueError("CAGR needs at least one year between the points")
    if first <= 0 or last <= 0:
        raise ValueError("CAGR needs positive values")
    return float((last / first) ** (1.0 / years) - 1.0)


def linear_slope(points: Sequence[tuple[int, float]]) -> float:
    """Least-squares slope per year."""
    n = len(points)
    if n < 2:
        raise ValueError("a slope needs two points")
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    if sxx == 0:
        raise ValueError("a slope needs two different years")
    return sum((x - mx) * (y - my) for x, y in points) / sxx


def project(points: Sequence[tuple[int, float]], year: int) -> Projection | None:
    """Project the series to `year` from its first and last points (CAGR) or its least-squares line."""
    pts = sorted(points)
    if len(pts) < 2 or pts[0][0] == pts[-1][0]:
        return None
    (y0, v0), (y1, v1) = pts[0], pts[-1]
    if v0 > 0 and v1 > 0:
        rate = cagr(v0, v1, y1 - y0)
        return Projection("cagr", rate, y1, v1, year, v1 * (1 + rate) ** (year - y1), len(pts))
    slope = linear_slope(pts)
    return Projection("linear", slope, y1, v1, year, v1 + slope * (year - y1), len(pts))
