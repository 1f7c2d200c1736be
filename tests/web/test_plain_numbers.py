"""Sentences written by the analyses keep their wording on a page, but a figure in machine notation inside
them reads as the pages print figures."""

from __future__ import annotations

import sinoscope.interfaces.api  # noqa: F401  (imports the web package in its usual order)
from sinoscope.interfaces.web.templating import TEMPLATES, plain_numbers


def test_exponents_and_float_tails_become_grouped_figures() -> None:
    assert plain_numbers("trend 2020-2021 projects 2.56e+04 in 2025") == "trend 2020-2021 projects 25,600 in 2025"
    assert plain_numbers("1.663E+07 base stations") == "16,630,000 base stations"
    assert plain_numbers("a share of 0.123456789 %") == "a share of 0.1235 %"
    assert plain_numbers("-4.868e+06") == "-4,868,000"


def test_everything_else_is_left_alone() -> None:
    for text in ("RMB 204.1 bn", "v1.2e3x", "2020-2021", "section 4.1.4", "Article 3e", "3.5e"):
        assert plain_numbers(text) == text
    assert plain_numbers(None) == ""


def test_the_filter_still_escapes_report_text() -> None:
    html = TEMPLATES.env.from_string("{{ x|plain_numbers }}").render(x="<b>1e+06</b>")
    assert html == "&lt;b&gt;1,000,000&lt;/b&gt;"
