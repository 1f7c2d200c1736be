"""sinoscope: an evidence-linked observatory of China science, technology and industrial policy reports.

Layers, top to bottom of the data flow (a lower layer never imports a higher one):
sources → documents → extraction → knowledge → store → analysis → interfaces.
"""

__version__ = "0.1.0"
