"""newsgraph: raw news in, a structured record of events out.

>>> import newsgraph
>>> g = newsgraph.open("newsgraph.db")            # doctest: +SKIP
>>> g.events(actor="Putin", since="2017-01-01")   # doctest: +SKIP
>>> newsgraph.process("Some article text ...")    # doctest: +SKIP
"""

from newsgraph.about import __version__
from newsgraph.api import open, process

__all__ = ["__version__", "open", "process"]
