"""actorgraph: political and conflict actors and their relations, as a graph you can question.

The names below are the library's face for notebooks and scripts (``docs/api.md`` shows them
at work). Each is imported the first time it is used (PEP 562), so ``import graph`` costs
neither networkx nor any analysis module until a name is asked for.

The house, and its import rules (``tests/test_layers.py`` holds them):

- ``errors``, ``progress``, ``_version``: the ground floor; they import nothing of the package.
- ``_files``: the one input opener and the one atomic output writer; any room may use it.
- ``dataset/``: files → Dataset → MultiDiGraph (read, validate, merge, build, cache). It imports
  only the ground floor and ``_files``.
- ``analysis/``: G in, plain data out (results with ``as_dict()``); no disk, no click, no
  printing. It may import ``dataset/``; never ``render/``, ``briefing/``, ``io/`` or ``cli/``.
- ``render/`` (the page, the figure) and ``briefing/`` (teaching documents, built from analysis
  results): may import ``dataset/`` and ``analysis/`` (a briefing draws a ``render`` figure);
  never ``cli/``.
- ``io/`` (exports, imports, drafting, when they come): may import ``dataset/`` and
  ``analysis/``; never ``render/``, ``briefing/`` or ``cli/``.
- ``cli/``: click; imported by nothing but ``graph/__main__.py`` and ``cli.py``.
- No module inside the package imports this face, ``graph`` itself.
- Heavy libraries (pyvis, jinja2, matplotlib, numpy, scipy, rustworkx, networkit) are imported
  inside the functions that need them.
"""

from __future__ import annotations

import importlib

from graph._version import __version__  # noqa: F401  (in __all__)

#: Each public name, and the module it comes from.
_NAMES = {
    # errors and records
    "ActorGraphError": "graph.errors",
    "ActorNotFoundError": "graph.errors",
    "DataError": "graph.errors",
    "Problem": "graph.errors",
    "QueryError": "graph.errors",
    "Actor": "graph.dataset.model",
    "Dataset": "graph.dataset.model",
    "Evidence": "graph.dataset.model",
    "Relation": "graph.dataset.model",
    "RelationType": "graph.dataset.model",
    # files in, graph out
    "build_graph": "graph.dataset.build",
    "bundled_dataset_path": "graph.dataset.load",
    "load_dataset": "graph.dataset.load",
    "load_graph": "graph.dataset.cache",
    "load_text": "graph.dataset.load",
    # which part of the network
    "Selection": "graph.analysis.selection",
    "View": "graph.analysis.selection",
    "select": "graph.analysis.selection",
    "resolve_actor": "graph.analysis.resolve",
    "actor_name": "graph.analysis.records",
    # questions
    "all_chains": "graph.analysis.paths",
    "balance_report": "graph.analysis.balance",
    "bloc_report": "graph.analysis.blocs",
    "chains_between": "graph.analysis.paths",
    "influence_ranking": "graph.analysis.influence",
    "blocs": "graph.analysis.blocs",
    "centrality": "graph.analysis.centrality",
    "changes": "graph.analysis.timeline",
    "contested_claims": "graph.analysis.claims",
    "influence_chains": "graph.analysis.influence",
    "influence_reach": "graph.analysis.influence",
    "influenced_by_chains": "graph.analysis.influence",
    "key_players": "graph.analysis.keyplayers",
    "list_actors": "graph.analysis.records",
    "list_relations": "graph.analysis.records",
    "neighbors": "graph.analysis.records",
    "shortest_chain": "graph.analysis.paths",
    "strongest_chains": "graph.analysis.influence",
    "summarize": "graph.analysis.summary",
    "timeline": "graph.analysis.timeline",
    "what_if": "graph.analysis.whatif",
    # pictures and documents
    "render_page": "graph.render.page",
    "write_briefing": "graph.briefing",
}

__all__ = sorted([*_NAMES, "__version__"])


def __getattr__(name: str):
    module = _NAMES.get(name)
    if module is None:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next use is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_NAMES})
