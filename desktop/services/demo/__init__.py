"""Deterministic demo organisation: a party committee with its tree, members and committees.

`create_demo(database, DemoScale.FULL)` writes the reference organisation of domain spec
R-ORG-3 (61 subordinate committees, 474 grassroots cells, 5,055 subordinate cells, 78,432
members); `DemoScale.SMALL` the same shape in miniature for tests. The output depends only on
the scale and `today`.
"""

from desktop.services.demo.generator import DemoCancelled, DemoNotEmpty, DemoSummary, create_demo
from desktop.services.demo.structure import DemoScale

__all__ = ["DemoCancelled", "DemoNotEmpty", "DemoScale", "DemoSummary", "create_demo"]
