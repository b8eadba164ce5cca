"""Figures as Vietnamese documents print them."""

from __future__ import annotations


def number(value: int) -> str:
    """12345 → '12.345' (Vietnamese groups thousands with dots)."""
    return f"{value:,}".replace(",", ".")


def percent(part: int, whole: int) -> str:
    """Share with one decimal and a decimal comma: '12,5'; '0' of nothing."""
    if whole == 0:
        return "0"
    return f"{100 * part / whole:.1f}".replace(".", ",")
