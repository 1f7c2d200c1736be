"""Every page at a phone (390 px), a small laptop (1,024 px) and a wide screen (1,400 px): nothing makes
the page scroll sideways, no figure is printed in machine notation, anchored passages land below the sticky
header, a dark theme follows the system setting, keyboard focus is visible, and form controls have names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from web.observatory import PAGES

pytestmark = pytest.mark.browser

WIDTHS = (390, 1024, 1400)
# `6e+04`, `4.31e+10`, `1.663E+07`, or a float's tail (`0.008993217`): what a reader should never see.
MACHINE_NUMBER = re.compile(r"\d(?:\.\d+)?e[+-]?\d+\b|\d\.\d{7,}", re.I)

OVERFLOW = """() => {
  const w = window.innerWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > w + 1 && !el.closest('.scroll-x, .scroll, .chart'))
    .slice(0, 5).map(el => `${el.tagName.toLowerCase()}.${el.getAttribute('class') || ''}`);
  return {scroll: document.documentElement.scrollWidth, width: w, wide};
}"""


@pytest.fixture
def open_page(browser: Any, observatory_site: str) -> Iterator[Any]:
    contexts: list[Any] = []

    def opener(path: str, *, width: int = 1400, height: int = 900, scheme: str = "light") -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": height}, base_url=observatory_site, color_scheme=scheme
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")
        return page

    yield opener
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_no_sideways_scroll_and_no_machine_numbers(open_page: Any, name: str, width: int) -> None:
    page = open_page(PAGES[name], width=width)
    for chart in page.locator("[data-spec]").all():  # a chart may widen the page once drawn
        page.wait_for_function("el => el.dataset.ready", arg=chart.element_handle())
    found = page.evaluate(OVERFLOW)
    assert found["scroll"] <= found["width"] + 1, found
    text = page.locator("body").inner_text()
    assert not MACHINE_NUMBER.findall(text), MACHINE_NUMBER.findall(text)[:5]


@pytest.mark.parametrize("width", [1024, 1400])
def test_an_anchored_passage_lands_below_the_sticky_header(open_page: Any, width: int) -> None:
    # A short window, so that the browser has to scroll to reach the passage.
    page = open_page("/documents/901#2¶1", width=width, height=420)
    target = page.locator(":target")
    assert target.get_attribute("data-anchor") == "901#2¶1"
    header = page.locator("header.top").bounding_box()
    box = target.bounding_box()
    assert page.evaluate("window.scrollY") > 0
    assert header is not None and box is not None
    assert page.evaluate("getComputedStyle(document.querySelector('header.top')).position") == "sticky"
    assert box["y"] >= header["y"] + header["height"] - 1, (box, header)


def test_on_a_phone_the_header_scrolls_away_instead_of_covering_the_page(open_page: Any) -> None:
    page = open_page("/documents/901#2¶1", width=390, height=600)
    assert page.evaluate("getComputedStyle(document.querySelector('header.top')).position") == "static"
    box = page.locator(":target").bounding_box()
    assert box is not None and 0 <= box["y"] < 600


def _luminance(css_color: str) -> float:
    r, g, b = (int(x) for x in re.findall(r"\d+", css_color)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


@pytest.mark.parametrize("name", ["home", "targets", "reader"])
def test_the_dark_theme_follows_the_system_setting(open_page: Any, name: str) -> None:
    colours = "() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]"
    light_bg, light_ink = open_page(PAGES[name], scheme="light").evaluate(colours)
    dark_bg, dark_ink = open_page(PAGES[name], scheme="dark").evaluate(colours)
    assert _luminance(light_bg) > 0.8 and _luminance(light_ink) < 0.3
    assert _luminance(dark_bg) < 0.2 and _luminance(dark_ink) > 0.7


def test_keyboard_focus_is_visible_and_starts_with_a_skip_link(open_page: Any) -> None:
    page = open_page("/documents")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    box = page.evaluate("JSON.stringify(document.activeElement.getBoundingClientRect())")
    assert '"y":' in box and page.locator(".skip").is_visible()
    for _ in range(3):
        page.keyboard.press("Tab")
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement); "
            "return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
        )
        assert style[0] != "none" and style[1] >= 2, style
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


@pytest.mark.parametrize("name", ["home", "search", "ask", "facts", "entities", "targets"])
def test_every_form_control_has_a_name_for_screen_readers(open_page: Any, name: str) -> None:
    unnamed = open_page(PAGES[name], width=390).evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
             .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                           && !el.getAttribute('aria-labelledby'))
             .map(el => el.outerHTML.slice(0, 80))"""
    )
    assert unnamed == []


def test_the_machine_number_pattern_catches_what_it_should() -> None:
    for bad in ("6e+04 applications", "4.31e+10 CNY", "1.663E+07", "0.008993217 %"):
        assert MACHINE_NUMBER.search(bad), bad
    for fine in ("RMB 204.1 bn", "52 %", "2020-2021", "6.3 per 10,000 people", "0.009 %", "Article 3e"):
        assert not MACHINE_NUMBER.search(fine), fine
