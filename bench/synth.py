"""Seeded synthetic datasets for the benchmark: realistic actors and relations, written as YAML.

The same ``(actors, relations, seed)`` always gives the same text, byte for byte. The data
follows the dataset format of the README: every usual actor kind, names and aliases, the
built-in relation types (and two declared ones, as the seed declares its own), statuses with
``claimed_by`` / ``disputed_by``, moments and periods with partial dates, and evidence quotes
citing a handful of sources. Links are made by preferential attachment, so a few actors are
hubs, and a spanning tree comes first, so every actor takes part in some relation and the
network is one large component (when there are at least ``actors - 1`` relations).

10,000 actors and 100,000 relations make about 15 MB of YAML in a couple of seconds::

    python bench/synth.py 10000 100000 /tmp/big.yaml --seed 1
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

__all__ = ["synthetic_yaml", "write_synthetic"]

#: Actor kinds and their shares (percent); states come first in the file and grow into hubs.
KIND_SHARES = (
    ("state", 4),
    ("government", 4),
    ("coalition", 2),
    ("military", 5),
    ("armed_group", 12),
    ("person", 28),
    ("legislature", 2),
    ("party", 5),
    ("organization", 7),
    ("media", 4),
    ("company", 4),
    ("family", 2),
    ("facility", 11),
    ("place", 10),
)
_PROMINENT = ("state", "government", "coalition", "military")
_SITES = ("facility", "place")

#: Relation types a source of each kind tends to have (type, weight), when the target is not a site.
SOURCE_TYPES: dict[str, tuple[tuple[str, int], ...]] = {
    "state": (("directs", 3), ("funds", 3), ("supports", 4), ("allies_with", 2), ("opposes", 3),
              ("accuses", 3), ("rivals", 1), ("negotiates_with", 2), ("attacks", 1), ("threatens", 1)),
    "government": (("directs", 2), ("supports", 3), ("opposes", 3), ("accuses", 2),
                   ("negotiates_with", 3), ("funds", 1), ("threatens", 1)),
    "coalition": (("attacks", 3), ("targets", 2), ("supports", 2), ("opposes", 2)),
    "military": (("attacks", 4), ("targets", 3), ("supports", 1), ("member_of", 1), ("opposes", 1)),
    "armed_group": (("attacks", 4), ("targets", 3), ("threatens", 3), ("allies_with", 2),
                    ("rivals", 2), ("member_of", 2), ("opposes", 2), ("supports", 1)),
    "person": (("leads", 4), ("member_of", 4), ("threatens", 2), ("accuses", 2), ("supports", 2),
               ("opposes", 2), ("negotiates_with", 1)),
    "legislature": (("accuses", 3), ("opposes", 2), ("supports", 2)),
    "party": (("supports", 3), ("opposes", 3), ("allies_with", 2), ("rivals", 2), ("accuses", 1)),
    "organization": (("supports", 3), ("accuses", 3), ("opposes", 1), ("negotiates_with", 1)),
    "media": (("accuses", 4), ("supports", 2), ("opposes", 2)),
    "company": (("funds", 3), ("supports", 2), ("negotiates_with", 1)),
    "family": (("funds", 2), ("supports", 2), ("leads", 1), ("rivals", 1)),
}  # fmt: skip
#: Relation types towards a facility or a place (from an actor that is not a site).
SITE_TYPES = (("targets", 4), ("attacks", 3), ("stationed_at", 2), ("protects", 2), ("opposes", 1))

DECLARED_TYPES = """\
relation_types:
  protects:
    description: defends against an attack
    stance: cooperative
    directed: true
    influence: 0.2
  stationed_at:
    description: has troops stationed at
    stance: neutral
    directed: true
    influence: 0.0
"""

#: Evidence quote templates by relation type ({s} source name, {t} target name, {d} when).
QUOTES: dict[str, tuple[str, ...]] = {
    "directs": ("{s}, which directs {t}", "{t} takes its orders from {s}"),
    "leads": ("{t}, headed by {s}", "{s}, the leader of {t}"),
    "funds": ("{s} has bankrolled {t} since {d}", "money from {s} pays {t}"),
    "supports": ("{s} backs {t}", "{s} said it stands with {t}"),
    "allies_with": ("{s} and {t} announced an alliance", "{s} fights alongside {t}"),
    "member_of": ("{s}, a member of {t}", "{s} joined {t} in {d}"),
    "threatens": ("{s} warned {t}: you might lose everything", "{s} threatened {t}"),
    "targets": ("{s} targeted {t} in {d}", "rockets fired by {s} were aimed at {t}"),
    "attacks": ("{s} attacked {t} in {d}", "an attack by {s} on {t}"),
    "opposes": ("{s} is working against {t}", "{s} rejects the presence of {t}"),
    "accuses": ("{s} accused {t} of the attacks", "{s} has long blamed {t}"),
    "rivals": ("{s} and {t} compete for the same ground", "the rivalry of {s} and {t}"),
    "negotiates_with": ("{s} held talks with {t} in {d}", "{s} and {t} are negotiating"),
    "located_in": ("{s}, in {t}", "{s} is located in {t}"),
    "protects": ("{s} thwarted an attack on {t}", "{s} guards {t}"),
    "stationed_at": ("{s} troops are based at {t}", "{s} is stationed at {t}"),
}
DENIALS = ("{s} denied any role", "{s} denied responsibility for the attacks", "a lie, said {s}")

_SYLLABLES = [
    "ka",
    "ra",
    "mi",
    "sa",
    "ta",
    "na",
    "li",
    "ba",
    "da",
    "ha",
    "zi",
    "ru",
    "vo",
    "el",
    "an",
    "or",
    "ul",
    "ir",
    "ab",
    "ad",
    "ak",
    "am",
    "as",
    "az",
    "bar",
    "dar",
    "far",
    "gar",
    "har",
    "jan",
    "kal",
    "lam",
    "mar",
    "nar",
    "qas",
    "raz",
    "sam",
    "tal",
    "var",
    "zan",
    "ko",
    "lu",
    "ne",
    "po",
    "qi",
    "re",
    "su",
    "te",
    "wa",
    "ya",
]
_FIRST = [
    "Amir",
    "Layla",
    "Hassan",
    "Mariam",
    "Omar",
    "Nadia",
    "Yusuf",
    "Samira",
    "Karim",
    "Leila",
    "Tariq",
    "Huda",
    "Farid",
    "Rana",
    "Sami",
    "Dana",
    "Adel",
    "Mona",
    "Khalid",
    "Zeina",
    "Ali",
    "Noor",
    "Bashir",
    "Salma",
    "Idris",
    "Amal",
    "Jamal",
    "Rasha",
    "Walid",
    "Hiba",
    "Elena",
    "Pavel",
    "Irina",
    "Marco",
    "Sofia",
    "Daniel",
    "Grace",
    "Peter",
    "Anna",
    "Jonas",
    "Maria",
    "Ahmed",
    "Fatima",
    "Musa",
    "Aisha",
]
_YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .'_-]*")


def synthetic_yaml(actors: int, relations: int, seed: int = 1) -> str:
    """A dataset of ``actors`` actors and ``relations`` relations as YAML text.

    >>> text = synthetic_yaml(20, 60, seed=3)
    >>> text == synthetic_yaml(20, 60, seed=3), text.count("\\n  - source: ")
    (True, 60)
    """
    if actors < 2 or relations < 0:
        raise ValueError("a synthetic dataset needs at least 2 actors and 0 relations")
    rng = random.Random(seed)
    people = _make_actors(rng, actors)
    sources = _make_sources(rng, people)
    out = [
        f"# Synthetic dataset for the benchmark: bench/synth.py {actors} {relations} --seed {seed}\n"
        f"title: Synthetic conflict dataset, {actors} actors and {relations} relations\n"
        "description: Generated by bench/synth.py; names, events and quotes are invented.\n\n",
        DECLARED_TYPES,
        "\nactors:\n",
    ]
    out.extend(_actor_yaml(a) for a in people)
    out.append("\nrelations:\n")
    out.extend(_relation_texts(rng, people, sources, relations))
    return "".join(out)


def write_synthetic(path: str | Path, actors: int, relations: int, seed: int = 1) -> Path:
    """Write :func:`synthetic_yaml` to ``path`` (parents created) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(synthetic_yaml(actors, relations, seed), encoding="utf-8")
    return path


# -- actors ------------------------------------------------------------------------------------


def _word(rng: random.Random, lo: int = 2, hi: int = 3) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(lo, hi))).capitalize()


def _adjective(state: str) -> str:
    return state + ("n" if state[-1] in "aeiou" else "i")


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _name_for(rng: random.Random, kind: str, states: list[str]) -> tuple[str, list[str]]:
    """A name and aliases for an actor of ``kind``; ``states`` are the state names so far."""
    home = rng.choice(states) if states else _word(rng) + "ia"
    adj, w = _adjective(home), _word(rng)
    if kind == "state":
        name = w + rng.choice(("ia", "stan", "land", "a", "ar"))
        return name, [_word(rng), f"Republic of {name}"][: rng.randint(0, 2)]
    if kind == "person":
        first, last = rng.choice(_FIRST), _word(rng)
        last = f"al-{last}" if rng.random() < 0.3 else last
        return f"{first} {last}", [last] if rng.random() < 0.6 else []
    patterns = {
        "government": (f"Government of {home}", f"{adj} government"),
        "coalition": (
            rng.choice((f"{home}-led coalition", f"{w} Alliance", f"{w} Pact")),
            f"{w} coalition",
        ),
        "military": (f"{adj} {w} Division", f"{w} Division"),
        "armed_group": rng.choice(
            ((f"{w} Liberation Front", None), (f"{w} Brigades", f"{w} fighters"),
             (f"Sons of {w}", None), (f"{w} Resistance Movement", None),
             (f"Army of {w}", f"{w} militia"))
        ),
        "legislature": (f"{adj} {w} Assembly", f"{w} lawmakers"),
        "party": (f"{w} {rng.choice(('Democratic', 'National', 'Popular'))} Party", None),
        "organization": (f"{w} {rng.choice(('Relief Council', 'Rights Watch', 'Foundation'))}", None),
        "media": (rng.choice((f"{w} Television", f"The {w} Herald", f"{w} News Agency")), None),
        "company": (f"{w} {rng.choice(('Petroleum', 'Logistics', 'Holdings'))}", None),
        "family": (f"House of {w}", f"{w} family"),
        "facility": (rng.choice((f"{w} Air Base", f"Port of {w}", f"{w} Refinery",
                                 f"{adj} Embassy in {w}", f"{w} Airport")), f"{w} base"),
        "place": (rng.choice((f"{w} Province", f"{w} District", f"{w} City")), w),
    }  # fmt: skip
    name, alias = patterns[kind]
    aliases = [alias] if alias and rng.random() < 0.7 else []
    if kind in ("armed_group", "party", "organization") and rng.random() < 0.6:
        aliases.append(_acronym(name))
    return name, aliases


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _make_actors(rng: random.Random, n: int) -> list[dict]:
    """``n`` actors (dicts: id, name, kind, aliases, description), prominent kinds first."""
    kinds = rng.choices([k for k, _ in KIND_SHARES], [w for _, w in KIND_SHARES], k=n)
    kinds[0] = "state"  # the first actor is the seed of the network: a state
    kinds.sort(key=lambda k: k not in _PROMINENT)  # stable: prominent kinds first, else random
    states: list[str] = []
    taken_ids: set[str] = set()
    taken_names: set[str] = set()
    out = []
    for kind in kinds:
        name, aliases, actor_id = _unique_name(rng, kind, states, taken_ids, taken_names)
        taken_ids.add(actor_id)
        taken_names.add(name)
        if kind == "state":
            states.append(name)
        description = None
        if rng.random() < 0.25:
            description = f"A {kind.replace('_', ' ')} in the synthetic dataset."
        out.append(
            {"id": actor_id, "name": name, "kind": kind, "aliases": aliases, "desc": description}
        )
    return out


def _unique_name(
    rng: random.Random, kind: str, states: list[str], taken_ids: set[str], taken_names: set[str]
) -> tuple[str, list[str], str]:
    """A name, aliases and id not taken yet (ids are short, like the seed's ``us_coalition``)."""
    for _ in range(40):
        name, aliases = _name_for(rng, kind, states)
        short = name if kind in ("person", "state") else min([name, *aliases], key=len)
        actor_id = _slug(short)
        if actor_id not in taken_ids and name not in taken_names and actor_id not in _YAML_WORDS:
            return name, aliases, actor_id
    number = 2  # a crowded name space: number the name
    while f"{name} {number}" in taken_names or _slug(f"{name} {number}") in taken_ids:
        number += 1
    name = f"{name} {number}"
    return name, aliases, _slug(name)


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back as the same text, else quoted."""
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS and not text.endswith(" "):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _actor_yaml(actor: dict) -> str:
    lines = [
        f"  - id: {actor['id']}\n    name: {_scalar(actor['name'])}\n    kind: {actor['kind']}\n"
    ]
    if actor["aliases"]:
        lines.append(f"    aliases: [{', '.join(_scalar(a) for a in actor['aliases'])}]\n")
    if actor["desc"]:
        lines.append(f"    description: {_scalar(actor['desc'])}\n")
    return "".join(lines)


def _make_sources(rng: random.Random, actors: list[dict]) -> list[tuple[str, str | None]]:
    """A handful of (source, url) pairs: the dataset's media actors, wire reports, documents."""
    media = [a["name"] for a in actors if a["kind"] == "media"][:8]
    fixed = ["wire report", "UN panel of experts", "court filing", "field interview",
             "ministry statement", "NGO incident log"]  # fmt: skip
    sources = []
    for name in media + fixed:
        url = f"https://news.example.org/{_slug(name)}" if rng.random() < 0.5 else None
        sources.append((name, url))
    return sources


# -- relations ---------------------------------------------------------------------------------


def _relation_texts(rng: random.Random, actors: list[dict], sources: list, count: int) -> list[str]:
    """``count`` distinct relation texts linking ``actors`` by preferential attachment."""
    n = len(actors)
    pool: list[int] = []  # an actor appears once per relation end: picking from it favours hubs
    seen: set[str] = set()
    out: list[str] = []

    def pick() -> int:
        return rng.choice(pool) if pool and rng.random() < 0.75 else rng.randrange(n)

    i = 1
    while len(out) < count:
        if i < n:  # the spanning tree: actor i joins the network by a link to an earlier actor
            a, b = i, rng.choice(pool) if pool and rng.random() < 0.8 else rng.randrange(i)
            i += 1
            if rng.random() < 0.5:
                a, b = b, a
        else:
            a, b = pick(), pick()
            if a == b:
                continue
        text = _relation_yaml(rng, actors, sources, a, b, len(out))
        if text in seen:  # an exact duplicate would draw a warning: draw again
            continue
        seen.add(text)
        out.append(text)
        pool += (a, b)
    return out


def _choose(rng: random.Random, weighted) -> str:
    total = sum(w for _, w in weighted)
    x = rng.random() * total
    for item, w in weighted:
        x -= w
        if x < 0:
            return item
    return weighted[-1][0]


def _relation_yaml(
    rng: random.Random, actors: list[dict], sources: list, a: int, b: int, number: int
) -> str:
    src, tgt = actors[a], actors[b]
    if src["kind"] in _SITES and tgt["kind"] not in _SITES:
        src, tgt = tgt, src  # sites are where things happen: they receive relations
    if src["kind"] in _SITES:
        rtype = "located_in"
    elif tgt["kind"] in _SITES:
        rtype = _choose(rng, SITE_TYPES)
    else:
        rtype = _choose(rng, SOURCE_TYPES[src["kind"]])
    lines = [f"  - source: {src['id']}\n    target: {tgt['id']}\n    type: {rtype}\n"]
    if rng.random() < 0.1:
        # unique however many relations: a random prefix, then the relation's own number
        lines.append(f"    id: ev-{rng.randrange(10**4):04d}-{number}\n")
    when = _when(rng) if rtype != "located_in" else ("", "")
    lines.append(when[0])
    status = _choose(rng, (("confirmed", 83), ("alleged", 12), ("denied", 5)))
    if status != "confirmed" or rng.random() < 0.05:
        lines.append(f"    status: {status}\n")
    claimant = actors[rng.randrange(len(actors))]["id"]
    if status == "alleged" and claimant not in (src["id"], tgt["id"]):
        lines.append(f"    claimed_by: [{claimant}]\n")
    if status == "denied":
        lines.append(f"    disputed_by: [{src['id']}]\n")
    if rng.random() < 0.04:
        lines.append(f"    note: {_scalar('Reported once; not confirmed by a second source.')}\n")
    lines.append(_evidence(rng, sources, rtype, src["name"], tgt["name"], when[1], status))
    return "".join(lines)


def _when(rng: random.Random) -> tuple[str, str]:
    """YAML lines for a date or a period (or none), and the words for it in a quote."""
    x = rng.random()
    if x < 0.2:
        return "", "recent years"
    year = rng.randint(2012, 2024)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    moment = rng.choice((f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"))
    if x < 0.75:
        return f"    date: {moment}\n", moment
    if x < 0.9:
        return f"    start: {moment}\n", moment
    end = f"{year + rng.randint(1, 3)}-{rng.randint(1, 12):02d}"
    if x < 0.95:
        return f"    start: {moment}\n    end: {end}\n", moment
    return f"    end: {end}\n", end


def _evidence(rng, sources, rtype: str, s: str, t: str, when: str, status: str) -> str:
    """An ``evidence:`` block of one or two quotes (a denial quote for a denied relation)."""
    if status == "confirmed" and rng.random() < 0.8:
        return ""
    items = [_quote_item(rng, sources, rng.choice(QUOTES[rtype]).format(s=s, t=t, d=when), "")]
    if status == "denied":
        items.append(_quote_item(rng, sources, rng.choice(DENIALS).format(s=s), ", side: dispute"))
    elif rng.random() < 0.05:
        items.append(
            _quote_item(rng, sources, rng.choice(QUOTES[rtype]).format(s=s, t=t, d=when), "")
        )
    return "    evidence:\n" + "".join(items)


def _quote_item(rng: random.Random, sources: list, quote: str, extra: str) -> str:
    source, url = rng.choice(sources)
    url_part = f", url: {_scalar(url)}" if url and rng.random() < 0.3 else ""
    return f"      - {{source: {_scalar(source)}, quote: {_scalar(quote)}{url_part}{extra}}}\n"


def main(argv: list[str] | None = None) -> int:
    """``python bench/synth.py ACTORS RELATIONS OUT.yaml [--seed N]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("actors", type=int)
    parser.add_argument("relations", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    path = write_synthetic(args.out, args.actors, args.relations, args.seed)
    size = path.stat().st_size
    print(f"wrote {path}: {args.actors} actors, {args.relations} relations, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
