"""File content is shown as text: the escaping helpers against literal expectations."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from components.charts import escape_data_text
from tests.ui.conftest import assert_clean, import_file
from utils.escaping import markdown_text, plotly_text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("[x](http://evil)", r"\[x\]\(http\:\/\/evil\)"),
        ("**bold** $x$", r"\*\*bold\*\* \$x\$"),
        (":red[r] :material/home: :smile:", r"\:red\[r\] \:material\/home\: \:smile\:"),
        ("# titre", r"\# titre"),
        ("a\\b `c` ~s~ <b>", r"a\\b \`c\` \~s\~ \<b\>"),
        ("ligne 1\n- ligne 2", r"ligne 1 \- ligne 2"),
        ("Étape À 50 €", "Étape À 50 €"),
    ],
)
def test_markdown_text_escapes_every_markup_character(value, expected):
    assert markdown_text(value) == expected


def test_plotly_text_turns_tags_into_entities():
    assert plotly_text("<a href='http://x'>x</a> & co") == (
        "&lt;a href='http://x'&gt;x&lt;/a&gt; &amp; co"
    )


def test_every_string_of_a_chart_is_escaped_and_numbers_are_kept():
    figure = go.Figure(go.Bar(x=["<b>Salon</b>", "Web"], y=[3, 4], text=["<i>3</i>", "4"]))
    escape_data_text(figure)
    assert figure.data[0].x == ("&lt;b&gt;Salon&lt;/b&gt;", "Web")
    assert figure.data[0].text == ("&lt;i&gt;3&lt;/i&gt;", "4")
    assert figure.data[0].y == (3, 4)


HOSTILE_CSV = (
    "Affaire;Étape;Montant;Source;Secteur\n"
    "A;Gagné;100;<a href='http://x'>x</a>;<b>Industrie</b>\n"
    "B;Prospect;200;Web;Santé\n"
).encode()
LINK_SOURCE = "&lt;a href='http://x'&gt;x&lt;/a&gt;"


def _chart_specs(at) -> dict[str, str]:
    """Each chart's Plotly JSON (numeric arrays come as binary dicts, labels as lists)."""
    return {chart.proto.id: chart.proto.spec for chart in at.get("plotly_chart")}


@pytest.mark.db
@pytest.mark.parametrize(("page", "expected"), [
    ("components/marketing.py", LINK_SOURCE),
    ("components/deals.py", "&lt;b&gt;Industrie&lt;/b&gt;"),
])
def test_chart_labels_from_the_file_are_escaped(make_app, app_env, page, expected):
    import_file(app_env, HOSTILE_CSV)
    at = make_app(page)
    assert_clean(at)
    labels = [label for spec in _chart_specs(at).values()
              for trace in json.loads(spec)["data"]
              for axis in ("x", "y") if isinstance(trace.get(axis), list)
              for label in trace[axis] if isinstance(label, str)]
    assert expected in labels
    assert not any("<" in label for label in labels)
