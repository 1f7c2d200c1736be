"""The application layer: one function per use case, taking plain parameters and returning typed results.

The CLI, the REST API and the web pages parse input and render these results; they do not assemble answers
from the store, knowledge and analysis modules themselves.
"""
