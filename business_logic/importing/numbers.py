"""Amounts and probabilities, one whole column at a time (metrics.md, Import rules).

The decimal mark is decided per column: only cells that a single reading explains vote
(`1 200,50`, `1.234.567`, `0,5`); `1,234` alone votes for nothing and the file's habit decides
(decimal comma unless the file is comma-delimited). Thousands separators (space, no-break
spaces, `.`, `,`, `'`), currency symbols and codes and `%` are understood.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from business_logic.importing.cells import arrow, column_bytes, mask, matches

_CURRENCIES = {  # RE2 pattern -> ISO code, in the order they are tried
    "€": "EUR", r"\$": "USD", "£": "GBP", "¥": "JPY",
    "(?i)eur": "EUR", "(?i)usd": "USD", "(?i)gbp": "GBP", "(?i)chf": "CHF",
    "(?i)cad": "CAD", "(?i)aud": "AUD", "(?i)jpy": "JPY", "(?i)brl": "BRL",
}
_CURRENCY_TOKENS = r"(?i)eur|usd|gbp|chf|cad|aud|jpy|brl"
_NUMBER = {  # decimal mark -> a well-formed unsigned number (spaces already removed)
    ",": r"^(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$|^,\d+$",
    ".": r"^(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$|^\.\d+$",
}
_DECIMAL_EVIDENCE = {  # only this mark can be the decimal one (spaces already removed)
    ",": r"^\d+,(\d{1,2}|\d{4,})$|^0,\d+$|^\d{4,},\d+$|\.\d*,|\.\d{3}\.|^,\d+$",
    ".": r"^\d+\.(\d{1,2}|\d{4,})$|^0\.\d+$|^\d{4,}\.\d+$|,\d*\.|,\d{3},|^\.\d+$",
}


@dataclass
class ParsedNumbers:
    values: np.ndarray  # float64, NaN when empty or invalid
    invalid: np.ndarray  # not a number
    negative: np.ndarray
    percent: np.ndarray  # the cell carried a `%`
    currency: np.ndarray  # object: ISO code from a symbol/code in the cell, or None
    decimal: str


def parse_numbers(cells: pd.Series, *, default_decimal: str = ",", typed: bool = False
                  ) -> ParsedNumbers:
    """Amount-like cells: `12 500,50 €`, `$1,234.5`, `(300)`, `70 %`, `1.234.567`.

    A step runs only when the column holds a character it deals with, so a plain numeric
    column costs a few passes; the decimal mark is voted by the cells only one reading of
    the mark can explain.
    """
    text = arrow(cells)
    n = len(cells)
    empty = mask(pc.equal(text, ""))
    currency = np.full(n, None, dtype=object)
    percent = np.zeros(n, dtype=bool)
    negative = np.zeros(n, dtype=bool)
    misgrouped = np.zeros(n, dtype=bool)
    chars = _characters(text)
    if chars - _PLAIN_NUMBER:
        if "%" in chars:
            percent = matches(text, "%")
        lettered = bool(chars & _LETTERS)
        if lettered or chars & _SYMBOLS:
            for pattern, code in _CURRENCIES.items():
                needed = (lettered if pattern.startswith("(?i)") else pattern[-1] in chars)
                if needed:
                    hit = matches(text, pattern) & (currency == None)  # noqa: E711
                    currency[hit] = code
            if lettered:
                text = pc.replace_substring_regex(text, _CURRENCY_TOKENS, "")
        if chars & _SPACE_CHARS:  # a space separates thousands, so groups of exactly 3
            misgrouped = matches(text, r"\d[ \t\x{00a0}\x{202f}\x{2009}']+(\d{1,2}|\d{4,})(\D|$)")
        for char in sorted(chars & _REMOVABLE):  # plain replaces beat one regex by far
            text = pc.replace_substring(text, char, "")
        if chars & _SIGNS:
            negative = matches(text, r"^[-−(]|-$")
            text = pc.replace_substring_regex(text, r"^[-−+(]|\)$|-$", "")
        chars = _characters(text)
    if typed:
        decimal = "."
    else:
        marks = chars & {",", "."}
        votes = {mark: int(matches(text, pattern).sum()) if marks else 0
                 for mark, pattern in _DECIMAL_EVIDENCE.items()}
        decimal = default_decimal if votes[","] == votes["."] else max(votes, key=votes.get)
    valid = matches(text, _NUMBER[decimal]) & ~empty & ~misgrouped
    other = "." if decimal == "," else ","
    if other in chars:
        text = pc.replace_substring(text, other, "")
    if decimal == "," and "," in chars:
        text = pc.replace_substring(text, ",", ".")
    text = pc.if_else(pa.array(valid), text, pa.scalar(None, pa.large_string()))
    values = np.asarray(pc.cast(text, pa.float64()).to_numpy(zero_copy_only=False),
                        dtype="float64")
    values = np.where(valid, values, np.nan)
    return ParsedNumbers(
        values=values,
        invalid=~valid & ~empty,
        negative=negative & valid,
        percent=percent,
        currency=currency,
        decimal=decimal,
    )


def _characters(array: pa.Array) -> set[str]:
    """The characters the parser cares about that some cell holds, read off the raw bytes.

    "a" stands for any ASCII letter, "?" for any other character no number uses.
    """
    blob = column_bytes(array).blob
    found = {ch for ch in _ASCII_MARKS if ch.encode() in blob}
    rest = blob.translate(None, _PLAIN_BYTES)
    if rest:
        for ch in _NON_ASCII_NUMBER_CHARS:
            if ch.encode() in rest:
                found.add(ch)
                rest = rest.replace(ch.encode(), b"")
        if len(rest.translate(None, _LETTER_BYTES)) < len(rest):
            found.add("a")
        if rest.translate(None, _LETTER_BYTES):
            found.add("?")
    return found


_ASCII_MARKS = ".,%$()-+ '\t"
_PLAIN_BYTES = b"0123456789" + _ASCII_MARKS.encode()
_LETTER_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_NON_ASCII_NUMBER_CHARS = ("€", "£", "¥", "\u00a0", "\u202f", "\u2009", "−")
_PLAIN_NUMBER = frozenset("0123456789.,")
_LETTERS = frozenset("a")
_SYMBOLS = frozenset("€$£¥")
_SPACE_CHARS = frozenset(" \t\u00a0\u202f\u2009'")
_SIGNS = frozenset("-−+()")
_REMOVABLE = _SYMBOLS | _SPACE_CHARS | {"%"}


@dataclass
class ParsedProbabilities:
    values: np.ndarray  # 0..1, NaN when empty or invalid
    invalid: np.ndarray
    decimal: str


def parse_probabilities(cells: pd.Series, *, default_decimal: str = ",", typed: bool = False
                        ) -> ParsedProbabilities:
    """0–1, 0–100 or "70 %"; a column whose values exceed 1 is read as percentages."""
    numbers = parse_numbers(cells, default_decimal=default_decimal, typed=typed)
    values = numbers.values.copy()
    values[numbers.negative] = np.nan
    as_percent = numbers.percent | (np.nanmax(values, initial=0.0) > 1.0)
    values = np.where(as_percent, values / 100.0, values)
    out_of_range = (values < 0) | (values > 1)
    invalid = numbers.invalid | numbers.negative | out_of_range
    values = np.where(invalid, np.nan, values)
    return ParsedProbabilities(values=values, invalid=invalid, decimal=numbers.decimal)
