"""Amounts and probabilities, one whole column at a time (docs/definitions.md, Règles d'import).

Cells say their own decimal mark where they can (docs/definitions.md, Règles d'import): a cell
that a single reading explains (`1 200,50`, `1.234.567`, `0,5`) is read that way; an
ambiguous one (`1,000`) follows its currency's convention when it carries one (`$1,000`,
`£2,500`, `USD 1,000` are thousands), else its column's majority, else the file's habit
(decimal comma unless the file is comma-delimited). XLSX number cells are numbers: they are
read as such and never vote. Thousands separators (space, no-break spaces, `.`, `,`, `'`),
currency symbols and codes and `%` are understood.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from business_logic.importing.cells import arrow, column_bytes, mask, matches
from business_logic.importing.table import NUMBER, PERCENT

_CURRENCIES = {  # RE2 pattern -> ISO code, in the order they are tried
    "€": "EUR", r"\$": "USD", "£": "GBP", "¥": "JPY",
    "(?i)eur": "EUR", "(?i)usd": "USD", "(?i)gbp": "GBP", "(?i)chf": "CHF",
    "(?i)cad": "CAD", "(?i)aud": "AUD", "(?i)jpy": "JPY", "(?i)brl": "BRL",
}
#: The decimal mark a currency's own notation uses (`$1,000` is a thousand dollars); the euro
#: is written both ways, so it implies none.
_CONVENTIONS = {"USD": ".", "GBP": ".", "JPY": ".", "CHF": ".", "CAD": ".", "AUD": ".",
                "BRL": ","}
_CONVENTION_CODES = {",": 1, ".": 2}
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
    decimal: str  # the column's mark (what its ambiguous cells without a currency follow)
    fraction: np.ndarray  # an XLSX percent cell: its value is already a fraction (0.7)
    #: the cells' votes (`,`, `.`) that chose `decimal`; None when no cell was asked
    votes: tuple[int, int] | None = None


def parse_numbers(cells: pd.Series, *, default_decimal: str = ",",
                  kinds: np.ndarray | None = None) -> ParsedNumbers:
    """Amount-like cells: `12 500,50 €`, `$1,234.5`, `(300)`, `70 %`, `1.234.567`.

    `kinds` (XLSX only, RawTable.cell_kinds): number and percent cells are read as the
    numbers they are; the text cells among them are read by their own text.
    """
    n = len(cells)
    typed = (np.zeros(n, dtype=bool) if kinds is None
             else (kinds == NUMBER) | (kinds == PERCENT))
    fraction = np.zeros(n, dtype=bool) if kinds is None else kinds == PERCENT
    if not typed.any():
        return _parse_text(cells, default_decimal, typed=False, fraction=fraction)
    if typed.all():
        return _parse_text(cells, ".", typed=True, fraction=fraction)
    as_text = _parse_text(cells[~typed], default_decimal, typed=False,
                          fraction=fraction[~typed])
    as_numbers = _parse_text(cells[typed], ".", typed=True, fraction=fraction[typed])
    has_text = bool((cells[~typed] != "").any())
    merged = ParsedNumbers(
        values=np.empty(n), invalid=np.empty(n, dtype=bool), negative=np.empty(n, dtype=bool),
        percent=np.empty(n, dtype=bool), currency=np.empty(n, dtype=object),
        decimal=as_text.decimal if has_text else ".", fraction=fraction, votes=as_text.votes,
    )
    for name in ("values", "invalid", "negative", "percent", "currency"):
        getattr(merged, name)[~typed] = getattr(as_text, name)
        getattr(merged, name)[typed] = getattr(as_numbers, name)
    return merged


def _parse_text(cells: pd.Series, default_decimal: str, *, typed: bool, fraction: np.ndarray
                ) -> ParsedNumbers:
    """A step runs only when the column holds a character it deals with, so a plain numeric
    column costs a few passes."""
    text = arrow(cells)
    n = len(cells)
    empty = mask(pc.equal(text, ""))
    currency = np.full(n, None, dtype=object)
    found = np.zeros(n, dtype=bool)  # a currency was read in the cell
    convention = np.zeros(n, dtype=np.int8)  # its notation: 1 decimal comma, 2 decimal point
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
                    hit = matches(text, pattern) & ~found
                    currency[hit] = code
                    found |= hit
                    convention[hit] = _CONVENTION_CODES.get(_CONVENTIONS.get(code), 0)
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
    decimal, comma, votes = _decimal_marks(text, chars, convention, default_decimal, typed)
    if comma.all() or not comma.any():
        cell_mark = "," if comma.all() and n else "."
        valid = matches(text, _NUMBER[cell_mark]) & ~empty & ~misgrouped
        text = _to_point_decimal(text, cell_mark, chars)
    else:
        valid = np.where(comma, matches(text, _NUMBER[","]), matches(text, _NUMBER["."]))
        valid &= ~empty & ~misgrouped
        text = pc.if_else(pa.array(comma), _to_point_decimal(text, ",", chars),
                          _to_point_decimal(text, ".", chars))
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
        fraction=fraction,
        votes=votes,
    )


def decimal_of(votes: tuple[int, int], default_decimal: str) -> str:
    """The column's mark from its cells' votes (`,`, `.`): the majority, else the default."""
    if votes[0] == votes[1]:
        return default_decimal
    return "," if votes[0] > votes[1] else "."


def _decimal_marks(text: pa.Array, chars: set[str], convention: np.ndarray, default_decimal: str,
                   typed: bool) -> tuple[str, np.ndarray, tuple[int, int] | None]:
    """The column's decimal mark, for each cell whether it reads `,` as the decimal, and
    the votes that chose the mark (None when no cell holds `,` or `.`).

    A cell one reading explains keeps it; an ambiguous cell follows its currency's
    convention, else the column's majority among the explained cells, else the default.
    """
    n = len(text)
    if typed or not chars & {",", "."}:
        decimal = "." if typed else default_decimal
        return decimal, np.full(n, decimal == ","), None
    evidence = {mark: matches(text, pattern) for mark, pattern in _DECIMAL_EVIDENCE.items()}
    only_comma = evidence[","] & ~evidence["."]
    only_point = evidence["."] & ~evidence[","]
    votes = (int(evidence[","].sum()), int(evidence["."].sum()))
    decimal = decimal_of(votes, default_decimal)
    comma = np.full(n, decimal == ",")
    if convention.any():
        comma = np.where(convention == 1, True, np.where(convention == 2, False, comma))
    comma = np.where(only_comma, True, np.where(only_point, False, comma))
    return decimal, comma.astype(bool), votes


def _to_point_decimal(text: pa.Array, decimal: str, chars: set[str]) -> pa.Array:
    """Drop the thousands mark, then write the decimal mark as a point."""
    other = "." if decimal == "," else ","
    if other in chars:
        text = pc.replace_substring(text, other, "")
    if decimal == "," and "," in chars:
        text = pc.replace_substring(text, ",", ".")
    return text


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


_SYMBOL_CODES = {"€": "EUR", "$": "USD", "US$": "USD", "£": "GBP", "¥": "JPY",
                 "EURO": "EUR", "EUROS": "EUR"}


def currency_codes(cells: pd.Series) -> pd.Series:
    """A currency column as ISO codes where they are known (`€` → EUR, `usd` → USD); other
    text is kept as written, empty cells become missing (docs/definitions.md: ISO code when
    known)."""
    uniques = pd.unique(cells)
    codes = {}
    for value in uniques:
        word = str(value).strip()
        upper = word.upper()
        if upper in _SYMBOL_CODES:
            codes[value] = _SYMBOL_CODES[upper]
        elif len(word) == 3 and word.isascii() and word.isalpha():
            codes[value] = upper
        else:
            codes[value] = word or None
    return cells.map(codes).astype("str")


@dataclass
class ParsedProbabilities:
    values: np.ndarray  # 0..1, NaN when empty or invalid
    invalid: np.ndarray
    decimal: str
    votes: tuple[int, int] | None = None  # ParsedNumbers.votes
    #: whether the bare numbers were read out of 100, None when there was none to read
    out_of_100: bool | None = None


def parse_probabilities(cells: pd.Series, *, default_decimal: str = ",",
                        kinds: np.ndarray | None = None) -> ParsedProbabilities:
    """0–1, 0–100, "70 %" or an Excel percent cell (docs/definitions.md, Règles d'import).

    A cell with `%` is out of 100 and a percent cell is already a fraction; only the bare
    numbers decide their column's scale: any bare number above 1 → they are out of 100.
    """
    numbers = parse_numbers(cells, default_decimal=default_decimal, kinds=kinds)
    values = numbers.values.copy()
    values[numbers.negative] = np.nan
    bare = ~numbers.percent & ~numbers.fraction
    bare_values = values[bare]
    bare_out_of_100 = np.nanmax(bare_values, initial=0.0) > 1.0
    as_percent = numbers.percent | (bare & bare_out_of_100)
    values = np.where(as_percent, values / 100.0, values)
    out_of_range = (values < 0) | (values > 1)
    invalid = numbers.invalid | numbers.negative | out_of_range
    values = np.where(invalid, np.nan, values)
    read = bool((~np.isnan(bare_values)).any())
    return ParsedProbabilities(values=values, invalid=invalid, decimal=numbers.decimal,
                               votes=numbers.votes, out_of_100=bare_out_of_100 if read else None)
