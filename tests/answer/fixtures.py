"""Two invented reports about an invented country's space and battery industries (no real report text)."""

from __future__ import annotations

# ruff: noqa: E501  (report paragraphs are single lines, as in converted reports)

REPORT_A = """Orbital Industry Review of Freedonia

Chapter 1 Launch Programmes

1.1 Funding

The Freedonian Space Agency was founded in 2009. Its annual budget reached RMB 42.5 billion in 2020, of which RMB 12.3 billion went to launch vehicles.

In 2021, Freedonia carried out 55 orbital launches, up from 39 launches in 2020. According to the Orbital Census Bureau, the launch success rate was 96.4% in 2021.

The national plan set a target of 120 orbital launches per year by 2030. The agency estimates that the commercial share of launches will reach 40% by 2030.

Table 1-1. Sales of Satellite Makers in Freedonia (RMB hundred million)
Company\t2019\t2020\t2021
Starforge\t12.5\t15.8\t19.2
Nebula Works\t8.1\t9.4\t11.7

Chapter 2 Batteries

2.1 Cell production

Freedonia produced 310 GWh of battery cells in 2022. According to the Cell Makers Association, the domestic production rate of cathode materials was 62.5% in 2022.
"""

REPORT_B = """Second Look at the Freedonian Economy

Chapter 1 Cathodes

1.1 Materials

According to Voltaic Research, the domestic production rate of cathode materials was 58.0% in 2022, lower than other estimates.

Freedonia exported batteries worth USD 7.9 billion in 2022.
"""
