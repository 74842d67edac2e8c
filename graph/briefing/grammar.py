"""English for a briefing: which names are plural, how a relation type reads as a verb, dates.

A relation type is a snake_case name in the third person ("directs", "allies_with",
"stationed_at"); :func:`verb_phrase` makes it agree with its subject ("PMU militias target",
"Iran is allied with") and :func:`incoming_phrase` says it from the target's side ("led by
Qais al-Khazali", "where US-led coalition is stationed").
"""

from __future__ import annotations

import calendar
import re

__all__ = [
    "agree",
    "at_date",
    "base_form",
    "date_text",
    "gerund_phrase",
    "incoming_phrase",
    "is_plural",
    "participle",
    "role_phrase",
    "span_phrase",
    "verb_phrase",
]

#: Names that end like a plural noun but take a singular verb.
KNOWN_SINGULAR = frozenset({
    "united states", "united nations", "netherlands", "philippines", "bahamas", "maldives",
    "seychelles", "comoros", "hamas", "marshall islands", "solomon islands",
    "united arab emirates", "reporters without borders", "doctors without borders",
})  # fmt: skip
#: Common nouns ending in -s that are singular.
_SINGULAR_WORDS = frozenset({"news", "series", "species", "means", "politics", "economics"})
#: Kinds whose names are singular unless the actor says ``plural: true``.
_SINGULAR_KINDS = frozenset({"person", "state"})


def is_plural(G, n) -> bool:
    """Whether an actor's name takes a plural verb ("PMU militias deny", "Iran denies").

    The rule, in order:

    1. an actor with ``plural: true`` is plural;
    2. a person or a state is singular ("Jim Mattis", "United States", "Netherlands"), and so
       is a known singular name (:data:`KNOWN_SINGULAR`: "United Nations", "Hamas"…);
    3. otherwise the head noun decides: the name's last word, or in "X of Y" (and "X for Y")
       the last word of X ("Organization of American States" is singular, "Friends of the
       Earth" plural). It is plural when it is a plural noun ending
       in -s: a word in lower case ("PMU militias", "Iraqi lawmakers", "US forces"), or, for an
       agent that is a group (not a person, a state, a place or an event), a capitalised word
       too ("Kurds", "Houthis", "Syrian Democratic Forces"). Not plural: an acronym in
       capitals ("ISIS", "SDF"), a word ending in -ss or -us ("Congress", "Damascus"), a lower
       case word ending in -is ("crisis") and the singular nouns "news", "series"…
       Anything else is singular ("Iran", "Medici", "Green Zone", "Athens").

    Where the rule errs for a group, give it ``plural: true``.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n, name, kind in [("a", "PMU militias", "armed_group"), ("b", "United States", "state"),
    ...                       ("c", "ISIS", "armed_group"), ("d", "Kurds", "armed_group"),
    ...                       ("e", "Athens", "place"), ("f", "Medici", "family"),
    ...                       ("g", "Organization of American States", "organization"),
    ...                       ("h", "Friends of the Earth", "organization")]:
    ...     G.add_node(n, name=name, kind=kind, node_class="place" if kind == "place" else "agent")
    >>> [n for n in G if is_plural(G, n)]
    ['a', 'd', 'h']
    """
    data = G.nodes[n] if n in G else {}
    if data.get("plural") is True:
        return True
    name = str(data.get("name") or n).strip()
    kind = data.get("kind")
    if kind in _SINGULAR_KINDS or name.casefold() in KNOWN_SINGULAR:
        return False
    head = re.split(r"\s+(?:of|for)\s+", name, maxsplit=1)[0]  # the head noun comes before
    words = re.findall(r"[^\W\d_]+", head)
    if not words:
        return False
    last = words[-1]
    if len(last) < 3 or not last.endswith("s") or last.isupper():
        return False
    lower = last.casefold()
    if lower.endswith(("ss", "us")) or lower in _SINGULAR_WORDS:
        return False
    if last.islower():
        return not lower.endswith("is")
    return data.get("node_class", "agent") == "agent" and kind is not None


def agree(plural: bool, singular: str, plural_form: str) -> str:
    return plural_form if plural else singular


# -- verbs ------------------------------------------------------------------------------------

_IRREGULAR = {
    "lead": "led", "pay": "paid", "sell": "sold", "hold": "held", "buy": "bought",
    "build": "built", "send": "sent", "lend": "lent", "fight": "fought", "hide": "hidden",
    "keep": "kept", "meet": "met", "shoot": "shot", "bring": "brought", "make": "made",
    "give": "given", "take": "taken", "see": "seen", "know": "known", "hear": "heard",
    "feed": "fed", "bind": "bound", "win": "won", "run": "run", "beat": "beaten",
    "forbid": "forbidden", "teach": "taught", "tell": "told", "hit": "hit", "put": "put",
    "set": "set", "spend": "spent", "steal": "stolen", "strike": "struck", "write": "written",
    "drive": "driven", "choose": "chosen", "say": "said", "seek": "sought", "catch": "caught",
    "find": "found", "lay": "laid", "leave": "left", "lose": "lost", "rule": "ruled",
}  # fmt: skip
_COPULA = {"is": "are", "has": "have", "was": "were", "does": "do"}
#: Prepositions after which the target is a place: "where X is stationed".
_WHERE = frozenset({"at", "in", "on", "inside", "within", "near", "into"})


def base_form(word: str) -> str:
    """The verb a plural subject takes: ``directs`` -> ``direct``, ``carries`` -> ``carry``.

    >>> [base_form(w) for w in ["directs", "opposes", "carries", "watches", "seizes", "has"]]
    ['direct', 'oppose', 'carry', 'watch', 'seize', 'have']
    """
    if word in _COPULA:
        return _COPULA[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes", "oes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def third_person(word: str) -> str:
    """``attack`` -> ``attacks``, ``carry`` -> ``carries``, ``watch`` -> ``watches``."""
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if word.endswith(("s", "sh", "ch", "x", "z", "o")):
        return word + "es"
    return word + "s"


def _doubles(base: str) -> bool:
    """Whether a verb doubles its last consonant before -ed and -ing (ban, banned; control)."""
    one_syllable = len(re.findall(r"[aeiou]+", base)) == 1
    return bool(one_syllable and re.search(r"[^aeiou][aeiou][^aeiouwxy]$", base)) or (
        base.endswith(("mit", "trol", "nap", "quip"))
    )


def participle(base: str) -> str:
    """The past participle of a verb: ``target`` -> ``targeted``, ``ban`` -> ``banned``.

    >>> [participle(w) for w in ["target", "lead", "oppose", "ally", "ban", "control", "fund"]]
    ['targeted', 'led', 'opposed', 'allied', 'banned', 'controlled', 'funded']
    """
    if base in _IRREGULAR:
        return _IRREGULAR[base]
    if base.endswith("e"):
        return base + "d"
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ied"
    if _doubles(base):
        return base + base[-1] + "ed"
    return base + "ed"


def _ing(base: str) -> str:
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        return base[:-1] + "ing"
    if _doubles(base):
        return base + base[-1] + "ing"
    return base + "ing"


# Built-in types whose forms no rule gives: (singular, plural, incoming with {who} and {be}).
_SPECIAL = {
    "allies_with": ("is allied with", "are allied with", "allied with {who}"),
    "member_of": ("is a member of", "are members of", "has {who} as {member}"),
    "located_in": ("is located in", "are located in", "location of {who}"),
    "rivals": ("is a rival of", "are rivals of", "rival of {who}"),
    "negotiates_with": ("negotiates with", "negotiate with", "negotiates with {who}"),
}


def _forms(rtype: str) -> tuple[str, str, str]:
    """(singular, plural, incoming template) of a relation type, by the rules of the module."""
    if rtype in _SPECIAL:
        return _SPECIAL[rtype]
    words = [w for w in rtype.split("_") if w]
    if not words:
        return rtype, rtype, "{who} {be} linked to it"
    first, rest = words[0], " ".join(words[1:])
    tail = f" {rest}" if rest else ""
    if first in _COPULA:
        return f"{first}{tail}", f"{_COPULA[first]}{tail}", f"{{who}} {{{first}}}{tail} it"
    if first.endswith("ed") and len(first) > 3:  # a participle: stationed_at, based_in
        phrase = " ".join(words)
        if words[-1] in _WHERE and len(words) > 1:
            incoming = "where {who} {be} " + " ".join(words[:-1])
        else:
            incoming = "{who} {be} " + phrase + " it"
        return f"is {phrase}", f"are {phrase}", incoming
    if first.endswith("s") and not first.endswith("ss"):  # a verb: funds, trades_with
        base = base_form(first)
        if not rest:
            return first, base, f"{participle(base)} by {{who}}"
        return f"{first}{tail}", f"{base}{tail}", "{who} {verb} it"
    if not rest:  # a verb in its base form: attack, fund
        return third_person(first), first, f"{participle(first)} by {{who}}"
    phrase = " ".join(words)  # a noun or adjective with its preposition: head_of, loyal_to
    return f"is {phrase}", f"are {phrase}", "{who} {be} " + phrase + " it"


def verb_phrase(rtype: str, plural: bool = False) -> str:
    """How a relation type reads after its subject: ``directs``, ``are allied with``.

    >>> verb_phrase("targets", plural=True), verb_phrase("stationed_at"), verb_phrase("tolerates")
    ('target', 'is stationed at', 'tolerates')
    """
    singular, plural_form, _ = _forms(rtype)
    return plural_form if plural else singular


def gerund_phrase(rtype: str) -> str:
    """A relation type as a gerund, for "denies targeting…": ``targeting``, ``being allied with``.

    >>> gerund_phrase("targets"), gerund_phrase("allies_with"), gerund_phrase("trades_with")
    ('targeting', 'being allied with', 'trading with')
    """
    words = verb_phrase(rtype).split()
    if words[0] in _COPULA:
        first = {"is": "being", "has": "having", "was": "having been", "does": "doing"}[words[0]]
    else:
        first = _ing(base_form(words[0]))
    return " ".join([first, *words[1:]])


def role_phrase(rtype: str, plural: bool = False) -> str:
    """The verb phrase without its copula, for a line about the subject: ``stationed at``,
    ``allied with``, ``a member of``, ``directs``."""
    phrase = verb_phrase(rtype, plural)
    for copula in ("is ", "are "):
        if phrase.startswith(copula):
            return phrase[len(copula) :]
    return phrase


def incoming_phrase(rtype: str, who: str, who_plural: bool) -> str:
    """A relation said from its target's side, ``who`` being its source(s).

    >>> incoming_phrase("leads", "Qais al-Khazali", False)
    'led by Qais al-Khazali'
    >>> incoming_phrase("stationed_at", "US-led coalition", False)
    'where US-led coalition is stationed'
    >>> incoming_phrase("member_of", "2 parties", True)
    'has 2 parties as members'
    >>> incoming_phrase("sells_arms_to", "Iran", False)
    'Iran sells arms to it'
    """
    singular, plural_form, template = _forms(rtype)
    return template.format(
        who=who,
        be=agree(who_plural, "is", "are"),
        verb=plural_form if who_plural else singular,
        member=agree(who_plural, "a member", "members"),
        **{k: agree(who_plural, k, v) for k, v in _COPULA.items()},
    )


# -- dates ------------------------------------------------------------------------------------


def date_text(text: str) -> str:
    """A partial ISO date as words: ``4 August 1914``, ``October 2020``, ``1914``.

    >>> date_text("1914-08-04"), date_text("2020-10"), date_text("1914")
    ('4 August 1914', 'October 2020', '1914')
    """
    parts = str(text).split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {calendar.month_name[int(parts[1])]} {parts[0]}"
    if len(parts) == 2:
        return f"{calendar.month_name[int(parts[1])]} {parts[0]}"
    return str(text)


def at_date(text: str) -> str:
    """``on 4 August 1914`` for a day, ``in October 2020`` for a month, ``in 1914`` for a year."""
    return ("on " if str(text).count("-") == 2 else "in ") + date_text(text)


def span_phrase(d: dict) -> str | None:
    """When a relation (its edge data) holds, in words; ``None`` if it is undated.

    >>> span_phrase({"date": "1914-08-04"}), span_phrase({"date": "2020-10"})
    ('on 4 August 1914', 'in October 2020')
    >>> span_phrase({"start": "1914", "end": "1918-11-11"}), span_phrase({"start": "2020-10"})
    ('from 1914 to 11 November 1918', 'since October 2020')
    >>> span_phrase({"end": "1918"}), span_phrase({})
    ('until 1918', None)
    """
    if d.get("date"):
        return at_date(d["date"])
    start, end = d.get("start"), d.get("end")
    if start and end:
        return f"from {date_text(start)} to {date_text(end)}"
    if start:
        return f"since {date_text(start)}"
    if end:
        return f"until {date_text(end)}"
    return None
