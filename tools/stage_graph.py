"""Print which stage imports which: one line per top-level module of newsgraph, with the modules it
imports directly (grimp, the graph import-linter checks). `--dot` prints Graphviz instead:

    .venv/bin/python tools/stage_graph.py            # text
    .venv/bin/python tools/stage_graph.py --dot | dot -Tsvg > stages.svg
"""

from __future__ import annotations

import sys

import grimp


def edges() -> dict[str, set[str]]:
    graph = grimp.build_graph("newsgraph")
    out: dict[str, set[str]] = {}
    for module in graph.modules:
        if "." not in module:
            continue
        source = module.split(".")[1]
        out.setdefault(source, set())
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.startswith("newsgraph.") and imported.split(".")[1] != source:
                out[source].add(imported.split(".")[1])
    return out


def main() -> None:
    found = edges()
    if "--dot" in sys.argv:
        print("digraph stages {")
        for source, targets in sorted(found.items()):
            for target in sorted(targets):
                print(f'  "{source}" -> "{target}";')
        print("}")
        return
    for source, targets in sorted(found.items()):
        print(f"{source:14} -> {', '.join(sorted(targets)) or '-'}")


if __name__ == "__main__":
    main()
