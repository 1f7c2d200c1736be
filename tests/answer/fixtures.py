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

# A third invented report for the rules that read clauses, asides, counts, countries, sources and revisions.
REPORT_C = """Automation and Chips in Freedonia and Sylvania

Chapter 1 Robots

1.1 Trade

Turning to Freedonia, robot exports have grown quickly. The value of exports (number of units exported) rose from USD 210 million (14,000 units) in 2016 to USD 480 million (61,000 units) in 2022. The average price of imported robots was USD 15,500, whereas the average price of exported robots was only USD 7,200 (both in 2022).

1.2 Researchers

By 2020 the number of researchers in Freedonia exceeded 1.3 million, while spending on training rose sharply.

Total R&D spending in Freedonia in 2021 increased by 8.4% over the previous year to RMB 1.9 trillion.

1.3 Models

According to the Model Registry, as of March 3, 2024, 41 of the 230 language models released in Freedonia were general-purpose models, and the other 189 were domain models.

Chapter 2 Chips

2.1 Trade and market

Freedonian customs reported that chip imports in 2022 were worth USD 88.4 billion, and exports USD 31.7 billion.

Therefore, the Chip Council estimate (USD 64.2 billion in 2022) for the size of Freedonia's chip market was used.

According to Hartley Analytics, of the USD 12 billion of chips made in Freedonia in 2021, local firms made USD 3 billion, just 9.5% of the country's chip market.

By the author's estimate, the chip self-sufficiency rate of Freedonia reached 31% in 2021.

2.2 Investment

The Freedonia Chip Fund invested RMB 3.2 billion in Glimmer Semiconductor in 2021.

2.3 Plans

The recycling plan set the cell recycling rate at 30% by 2025. The plan was revised in 2022, with the cell recycling rate target raised to 45% by 2025.

The Skylink satellite achieved a laser link of 5,300 kilometers in 2019.
"""
