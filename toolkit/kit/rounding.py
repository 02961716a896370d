"""The one rounding rule for published figures: 2 decimals, half up, on the value as written.

ITA figures are published with two decimals. A computed figure is rounded here, and only here, so the
report's tables, its level, `score --json` and the next-level arithmetic never disagree at a half
hundredth (97.495 → 97.50, where binary-float ``round`` gives 97.49).
"""
from __future__ import annotations

import math
import numbers
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

HUNDREDTHS = 2


def as_decimal(value: float | int | Decimal | Fraction | str) -> Decimal | Fraction:
    """A figure as written: floats by their shortest repr (97.495, not 97.49499…), fractions kept exact."""
    if isinstance(value, bool):
        raise TypeError("a bool is not a figure")
    if isinstance(value, (Decimal, Fraction)):
        return value
    if isinstance(value, numbers.Integral):
        return Decimal(int(value))
    if isinstance(value, numbers.Real):
        return Decimal(repr(float(value)))
    return Decimal(str(value))


def publish(value: float | int | Decimal | Fraction, decimals: int = HUNDREDTHS) -> float:
    """A figure as the NACC prints it: `decimals` places, half away from zero (why: one rule everywhere)."""
    if type(value) is float and math.isfinite(value):
        scaled = value * 10 ** decimals
        if abs(scaled - math.floor(scaled) - 0.5) > 1e-6:  # far from a tie: binary rounding agrees
            return round(value, decimals)
    exact = as_decimal(value)
    if isinstance(exact, Fraction):
        n, d, scale = exact.numerator, exact.denominator, 10 ** decimals
        hundredths = (2 * abs(n) * scale + d) // (2 * d)  # floor(|x|·scale + ½) in integers
        return (-hundredths if n < 0 else hundredths) / scale  # int / int: the nearest float, as float(Decimal)
    if not exact.is_finite():
        raise ValueError(f"not a finite figure: {value!r}")
    return float(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
