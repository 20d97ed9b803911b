"""Show file content as text, never as markup (issue 7, items 16 and 17).

Column headers, stage labels, file and sheet names, sources, sectors and the values quoted
in error messages all come from the user's file. Two places would interpret them:

- Streamlit's Markdown (`st.markdown`, `st.caption`, `st.warning`/`st.error`/`st.info`,
  `st.subheader`, widget labels, radio/pills options): links, bold, headings, lists,
  KaTeX (`$x$`), colour directives (`:red[x]`), icons (`:material/home:`) and emoji
  shortcodes (`:smile:`). `markdown_text` escapes them all.
- Plotly (category labels, hover text, text labels): `<a href>`, `<b>`, `<br>`, `<span>`…
  `plotly_text` turns `<`, `>` and `&` into the entities Plotly shows as those characters.

Plain-text widgets (`st.selectbox`/`st.multiselect` options, `st.dataframe` cells) show
strings as they are and need neither.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Iterable

# CommonMark: a backslash before any ASCII punctuation character makes it a literal
# character. Escaping all of them also disarms Streamlit's additions: `\$` is not KaTeX,
# `\:red\[x\]` is not a directive, `\:smile\:` is not an emoji shortcode.
_MARKDOWN_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def markdown_text(value: object) -> str:
    """`value` as Markdown that renders exactly its characters (line breaks become spaces,
    so a value cannot open a heading, a list or a code block)."""
    text = _LINE_BREAKS.sub(" ", str(value))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def plotly_text(value: object) -> str:
    """`value` as Plotly text that shows exactly its characters (no link, bold, line
    break…)."""
    return html.escape(str(value), quote=False)


def plotly_texts(values: Iterable[object]) -> list[str]:
    """`plotly_text` of each value: category labels of a chart axis."""
    return [plotly_text(value) for value in values]
