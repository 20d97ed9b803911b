"""Bytes → RawTable: file type, encoding, delimiter, CSV records (docs/definitions.md, Règles
d'import).

Encodings: UTF-8, UTF-8 with BOM, Windows-1252/Latin-1 (reported "utf-8", "utf-8-sig",
"cp1252"); delimiters `,` `;` tab `|`. Parsing and the file limits: `csv_records`.
"""

from __future__ import annotations

import codecs
import csv
import io

import charset_normalizer
import pyarrow as pa

from business_logic.importing.csv_records import (
    arrow_records,
    check_line_count,
    decode,
    first_record_width,
    is_utf8,
    python_records,
)
from business_logic.importing.errors import ImportFailure
from business_logic.importing.table import ArrowColumns, RawTable, to_raw_table
from business_logic.importing.xlsx import read_xlsx

DELIMITERS = (";", ",", "\t", "|")
_SAMPLE_BYTES = 1 << 16
_SAMPLE_RECORDS = 50


def _latin1_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    # The five bytes cp1252 leaves undefined decode as their Latin-1 control characters.
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("crm_latin1_fallback", _latin1_fallback)


def read_table(data: bytes, file_name: str, sheet: str | None = None) -> RawTable:
    """Read a CSV or XLSX export; raises ImportFailure when nothing usable is in it."""
    if not data or (not data[:_SAMPLE_BYTES].strip() and not data.strip()):
        raise ImportFailure(f"Le fichier « {file_name} » est vide.")
    if data.startswith(b"PK\x03\x04"):
        return read_xlsx(data, file_name, sheet)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFailure(
            f"« {file_name} » est un classeur Excel ancien format (.xls) : "
            "enregistrez-le en .xlsx ou en CSV puis réessayez."
        )
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        raise ImportFailure(f"« {file_name} » n'est pas un classeur XLSX lisible.")
    payload, encoding = _detect_encoding(data, file_name)
    sample = decode(payload[:_SAMPLE_BYTES], encoding, final=False)
    delimiter = detect_delimiter(sample)
    records = _parse_csv(payload, encoding, delimiter, sample, file_name)
    if records is None:  # not valid UTF-8 after all: a Windows-1252 file with a UTF-8 start
        encoding = "cp1252"
        records = _parse_csv(payload, encoding, delimiter, sample, file_name)
    table = to_raw_table(records, file_name, delimiter=delimiter)
    table.encoding = encoding
    table.delimiter = delimiter
    return table


def _detect_encoding(data: bytes, file_name: str) -> tuple[bytes, str]:
    """UTF-8 (with or without BOM) when its start decodes, else Windows-1252 (Latin-1)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :], "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:4096]:
        raise ImportFailure(
            f"« {file_name} » n'est pas un fichier texte lisible : enregistrez-le en CSV "
            "UTF-8 ou Windows-1252, ou en XLSX."
        )
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data[:_SAMPLE_BYTES], final=False)
        return data, "utf-8"
    except UnicodeDecodeError:
        pass
    sample = data[:_SAMPLE_BYTES]
    guess = charset_normalizer.from_bytes(sample, cp_isolation=["cp1252", "latin_1"]).best()
    if guess is None and not _mostly_text(sample):
        raise ImportFailure(
            f"Encodage de « {file_name} » non reconnu : enregistrez-le en CSV UTF-8 "
            "ou Windows-1252 (Latin-1), ou en XLSX."
        )
    return data, "cp1252"


_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32), 127, 0x81, 0x8D, 0x8F, 0x90, 0x9D])


def _mostly_text(sample: bytes) -> bool:
    """Fewer than 1 % control bytes: text charset-normalizer found too short to judge."""
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls * 100 < len(sample)


def detect_delimiter(sample: str) -> str:
    """The delimiter that splits the first records into the most consistent field counts."""
    best, best_score = ",", (False, 0.0, 0)
    for delimiter in DELIMITERS:
        if delimiter not in sample:
            continue
        try:
            reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
            counts = [len(record) for _, record in zip(range(_SAMPLE_RECORDS), reader, strict=False)
                      if any(cell.strip() for cell in record)]
        except csv.Error:
            continue
        if len(counts) > 2 and len(sample) >= _SAMPLE_BYTES - 4:
            counts = counts[:-1]  # the sample may cut the last record short
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        score = (counts[0] == mode and mode > 1, counts.count(mode) / len(counts), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _parse_csv(payload: bytes, encoding: str, delimiter: str, sample: str, file_name: str
               ) -> ArrowColumns | None:
    """Arrow's multithreaded reader when every record has the first record's width, else
    the `csv` module (csv_records). Both enforce the file limits.

    Arrow transcodes Windows-1252 itself, in parallel with parsing; the five bytes cp1252
    leaves undefined make it fail, and then Python decodes them as Latin-1. None when the
    payload, taken for UTF-8, turns out not to be.
    """
    check_line_count(payload, file_name)
    if encoding != "cp1252" and not is_utf8(payload):
        return None
    width = first_record_width(sample, delimiter, file_name)
    attempts = [(payload, "cp1252")] if encoding == "cp1252" else [(payload, "utf8")]
    if encoding == "cp1252":
        attempts.append((None, "utf8"))  # transcoded by Python on demand
    for data, arrow_encoding in attempts:
        if data is None:
            data = decode(payload, encoding).encode("utf-8")
        try:
            table = arrow_records(data, arrow_encoding, delimiter, width, file_name)
        except (pa.ArrowException, ValueError) as error:
            if encoding != "cp1252" and "UTF8" in str(error):
                return None
            if "straddl" not in str(error):
                continue
            try:  # a cell longer than a block: one block for the whole file
                table = arrow_records(data, arrow_encoding, delimiter, width, file_name,
                                      block_size=len(data) + 1)
            except (pa.ArrowException, ValueError):
                continue
        if table is not None:
            return table
        break  # ragged: the csv module reads it
    return python_records(payload, encoding, delimiter, file_name)
