"""Find the actor a user means by an id, a name or an alias, forgiving case and punctuation."""

from __future__ import annotations

import difflib
import re
import unicodedata

import networkx as nx

from graph.errors import ActorNotFoundError

__all__ = ["resolve_actor"]


def _key(text: str) -> str:
    """Fold case, accents, punctuation and spacing: 'al-Kadhimi' and 'Al Kadhimi' match."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[.'’`]", "", text)
    return re.sub(r"[\s_\-]+", " ", text).strip()


def resolve_actor(G: nx.MultiDiGraph, text: str) -> str:
    """The id of the actor named ``text`` (its id, name or an alias, in any case).

    Raises :class:`ActorNotFoundError` naming the closest actors when nothing matches, or
    the candidates when the name is ambiguous.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("us", name="United States", aliases=["Washington", "U.S."])
    >>> G.add_node("iraqi_lawmakers", name="Iraqi lawmakers", aliases=[])
    >>> resolve_actor(G, "washington"), resolve_actor(G, "US"), resolve_actor(G, "iraqi-lawmakers")
    ('us', 'us', 'iraqi_lawmakers')
    >>> resolve_actor(G, "Washingtn")
    Traceback (most recent call last):
    ...
    graph.errors.ActorNotFoundError: no actor is called 'Washingtn'; closest: 'us' (United States, also called Washington, U.S.)
    """
    if text in G:
        return text
    wanted = _key(text)
    if not wanted:
        raise ActorNotFoundError("an actor name cannot be empty")
    exact_id = [n for n in G if _key(n) == wanted]
    if len(exact_id) == 1:
        return exact_id[0]
    matches = []
    index: dict[str, set[str]] = {}
    for node, data in G.nodes(data=True):
        names = [node, data.get("name", node), *(data.get("aliases") or [])]
        keys = {_key(n) for n in names}
        for k in keys:
            index.setdefault(k, set()).add(node)
        if wanted in keys:
            matches.append(node)
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        shown = ", ".join(_describe(G, n) for n in matches)
        raise ActorNotFoundError(
            f"'{text}' could mean several actors: {shown}; name one by its id", matches
        )
    close = difflib.get_close_matches(wanted, list(index), n=5, cutoff=0.6)
    close += [k for k in index if wanted in k and k not in close]
    candidates = list(dict.fromkeys(n for k in close for n in sorted(index[k])))[:5]
    if not candidates:
        raise ActorNotFoundError(
            f"no actor is called '{text}', and none of the {len(G)} actors has a name close to it"
        )
    shown = ", ".join(_describe(G, n) for n in candidates)
    raise ActorNotFoundError(f"no actor is called '{text}'; closest: {shown}", candidates)


def _describe(G: nx.MultiDiGraph, node: str) -> str:
    data = G.nodes[node]
    aliases = data.get("aliases") or []
    extra = ""
    if aliases:
        extra = f", also called {', '.join(aliases[:3])}"
    return f"'{node}' ({data.get('name', node)}{extra})"
