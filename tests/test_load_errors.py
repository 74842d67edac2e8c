"""Every kind of problem the loader reports, with its exact FILE:LINE:COL and message.

Texts are dedented (like the ``write`` fixture does), so the line and column numbers in each
case are those of the dedented text: line 1 is the first line after the opening quotes.
"""

from __future__ import annotations

import textwrap

import pytest
import yaml

from graph.dataset.build import build_graph
from graph.dataset.load import load_dataset, load_text
from graph.errors import DataError, Problem

NAME = "f.yaml"

# Two actors and a relation between them: a valid tail for texts that test something above it.
PAIR = """\
actors:
  - {id: a, name: Alpha, kind: state}
  - {id: b, name: Beta, kind: state}
relations:
  - {source: a, target: b, type: directs}
"""


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def problems_of(text: str, *, strict: bool = False, name: str = NAME) -> list[Problem]:
    """Load ``text``; it must raise DataError; return its problems."""
    with pytest.raises(DataError) as info:
        load_text(dedent(text), name, strict=strict)
    return info.value.problems


def file_problems(path, *, strict: bool = False) -> list[Problem]:
    with pytest.raises(DataError) as info:
        load_dataset([path], strict=strict)
    return info.value.problems


def find(
    problems: list[Problem], line, column, fragment: str, *, level: str = "error", file: str = NAME
) -> Problem:
    """The one problem at exactly (file, line, column) whose message holds ``fragment``."""
    hits = [
        p
        for p in problems
        if (p.file, p.line, p.column, p.level) == (file, line, column, level)
        and fragment in p.message
    ]
    shown = "\n".join(str(p) for p in problems)
    assert len(hits) == 1, (
        f"expected one {level} at {file}:{line}:{column} containing {fragment!r}, got:\n{shown}"
    )
    return hits[0]


def assert_single_error(problems, line, column, fragment, *, file=NAME) -> Problem:
    errors = [p for p in problems if p.level == "error"]
    shown = "\n".join(str(p) for p in problems)
    assert len(errors) == 1, f"expected exactly one error, got:\n{shown}"
    return find(errors, line, column, fragment, file=file)


# -- YAML syntax -----------------------------------------------------------------------------------

SYNTAX_CASES = [
    pytest.param(
        "actors: [a, b\nrelations: x\n",
        2,
        10,
        "did not find expected ',' or ']'",
        id="unclosed-flow-sequence",
    ),
    pytest.param(
        "actors:\n  - id: a\n   name: b\n",
        3,
        4,
        "did not find expected '-' indicator",
        id="bad-indentation",
    ),
    pytest.param("a: b: c\n", 1, 5, "mapping values are not allowed", id="colon-in-value"),
    pytest.param("a: 'x\n", 2, 1, "found unexpected end of stream", id="unterminated-quote"),
    pytest.param(
        "actors:\n\t- b\n",
        2,
        1,
        "found character that cannot start any token",
        id="tab-indentation",
    ),
    pytest.param(
        "actors:\n  - {id: a\n",
        3,
        1,
        "did not find expected ',' or '}'",
        id="unclosed-flow-mapping",
    ),
]


@pytest.mark.parametrize(("text", "line", "column", "fragment"), SYNTAX_CASES)
def test_yaml_syntax_error_is_reported_where_pyyaml_reports_it(text, line, column, fragment):
    with pytest.raises(yaml.MarkedYAMLError) as info:
        yaml.safe_load(text)
    mark = info.value.problem_mark
    assert (mark.line + 1, mark.column + 1) == (line, column)  # the case itself is right

    problems = problems_of(text)
    p = assert_single_error(problems, line, column, "YAML syntax error")
    assert fragment in p.message
    assert str(p).startswith(f"{NAME}:{line}:{column}: error: YAML syntax error")


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        pytest.param("a: b\nc", 2, 2, id="bare-key"),
        pytest.param("{", 1, 2, id="open-brace"),
        pytest.param("actors: [a", 1, 11, id="open-bracket"),
    ],
)
def test_syntax_error_at_end_of_text_without_final_newline_stays_inside_the_text(
    text, line, column
):
    with pytest.raises(yaml.MarkedYAMLError) as info:
        yaml.safe_load(text)
    mark = info.value.problem_mark
    assert (mark.line + 1, mark.column + 1) == (line, column)  # where PyYAML puts it
    problems = problems_of(text)
    (error,) = problems
    assert error.line <= text.count("\n") + 1, str(error)  # inside the text...
    assert (error.line, error.column) == (line, column)  # ...where PyYAML puts it


# -- the shape of the file ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        pytest.param(
            "- a\n- b\n", 1, 1, "but it is a list (did you forget the 'actors:'", id="list"
        ),
        pytest.param("# a comment\n\n- {id: a}\n", 3, 1, "but it is a list", id="list-later"),
        pytest.param("hello\n", 1, 1, "but it is a single value", id="scalar"),
        pytest.param("42\n", 1, 1, "but it is a single value", id="number"),
    ],
)
def test_top_level_must_be_a_mapping(text, line, column, fragment):
    p = assert_single_error(problems_of(text), line, column, fragment)
    assert "the file must be a mapping with 'actors:' and 'relations:' keys" in p.message


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        pytest.param(
            """
            actors:
              iran: {name: Iran, kind: state}
            """,
            2,
            3,
            "'actors' must be a list, each item starting with '- ' (like '- id: iran'), but "
            "here it is a mapping",
            id="actors-mapping",
        ),
        pytest.param(
            """
            actors:
              - {id: a, name: Alpha, kind: state}
            relations: directs
            """,
            3,
            12,
            "'relations' must be a list, each item starting with '- ' (like '- source: "
            "iran'), but here it is the text 'directs'",
            id="relations-string",
        ),
        pytest.param(
            "relation_types: [feud]\n" + PAIR,
            1,
            17,
            "'relation_types' must be a mapping from type name to its properties",
            id="relation-types-list",
        ),
        pytest.param(
            PAIR.replace("type: directs}", "type: directs, evidence: {source: s, quote: q}}"),
            5,
            53,
            "relation 1 (a directs b): 'evidence' must be a list",
            id="evidence-mapping",
        ),
        pytest.param(
            """
            actors:
              - iran
            """,
            2,
            5,
            "actor 1 must be a mapping with id, name and kind",
            id="actor-scalar",
        ),
        pytest.param(
            PAIR + "  - directs\n",
            6,
            5,
            "relation 2 must be a mapping with source, target and type",
            id="relation-scalar",
        ),
        pytest.param(
            """
            actor:
              - {id: a, name: Alpha, kind: state}
            """,
            1,
            1,
            "the file has neither 'actors:' nor 'relations:'",
            id="no-actors-key",
        ),
    ],
)
def test_section_of_the_wrong_shape(text, line, column, fragment):
    assert_single_error(problems_of(text), line, column, fragment)


# -- required fields ---------------------------------------------------------------------------------

REQUIRED_CASES = [
    pytest.param(
        """
        actors:
          - name: Alpha
            kind: state
        """,
        2,
        5,
        "actor 1 has no 'id': it is required",
        id="actor-id",
    ),
    pytest.param(
        """
        actors:
          - id: a
            kind: state
        """,
        2,
        5,
        "actor 'a' has no 'name': it is required",
        id="actor-name",
    ),
    pytest.param(
        """
        actors:
          - id: a
            name: Alpha
        """,
        2,
        5,
        "actor 'a' has no 'kind': it is required",
        id="actor-kind",
    ),
    pytest.param(
        """
        actors:
          - {id: '', name: Alpha, kind: state}
        """,
        2,
        10,
        "actor 1: 'id' is empty: it is required",
        id="actor-id-empty",
    ),
    pytest.param(
        PAIR + "  - target: b\n    type: directs\n",
        6,
        5,
        "relation 2 has no 'source': it is required",
        id="relation-source",
    ),
    pytest.param(
        PAIR + "  - source: a\n    type: directs\n",
        6,
        5,
        "relation 2 has no 'target': it is required",
        id="relation-target",
    ),
    pytest.param(
        PAIR + "  - source: a\n    target: b\n",
        6,
        5,
        "relation 2 has no 'type': it is required",
        id="relation-type",
    ),
    pytest.param(
        PAIR + "  - source: a\n    target: b\n    type: supports\n    evidence:\n"
        "      - quote: Alpha backs Beta\n",
        10,
        9,
        "relation 2 (a supports b), evidence 1 has no 'source': it is required",
        id="evidence-source",
    ),
    pytest.param(
        PAIR + "  - source: a\n    target: b\n    type: supports\n    evidence:\n"
        "      - source: the article\n",
        10,
        9,
        "relation 2 (a supports b), evidence 1 has no 'quote': it is required",
        id="evidence-quote",
    ),
    pytest.param(
        PAIR + "  - source: a\n    target: b\n    type: supports\n    evidence:\n"
        "      - {source: the article, quote: ''}\n",
        10,
        38,
        "relation 2 (a supports b), evidence 1: 'quote' is empty: it is required",
        id="evidence-quote-empty",
    ),
]


@pytest.mark.parametrize(("text", "line", "column", "fragment"), REQUIRED_CASES)
def test_missing_required_field(text, line, column, fragment):
    assert_single_error(problems_of(text), line, column, fragment)


# -- actor ids ---------------------------------------------------------------------------------------


def test_duplicate_actor_id_in_one_file_names_the_first_line():
    problems = problems_of(
        """
        actors:
          - {id: a, name: Alpha, kind: state}
          - {id: b, name: Beta, kind: state}
          - {id: a, name: Alpha again, kind: state}
        relations:
          - {source: a, target: b, type: directs}
        """
    )
    assert_single_error(
        problems,
        4,
        10,
        "actor 'a' is defined twice in this file (first on line 2); actor ids must be unique",
    )


@pytest.mark.parametrize(
    ("actor_id", "column", "suggestion"),
    [
        pytest.param("Iran Gov", 10, "(try 'Iran_Gov')", id="space"),
        pytest.param("us.embassy", 10, "(try 'us_embassy')", id="dot"),
        pytest.param("'iran!'", 10, "(try 'iran')", id="bang"),
        pytest.param("'a/b'", 10, "(try 'a_b')", id="slash"),
    ],
)
def test_invalid_actor_id_characters(actor_id, column, suggestion):
    problems = problems_of(f"actors:\n  - {{id: {actor_id}, name: X, kind: state}}\n")
    p = assert_single_error(problems, 2, column, "an id may hold only letters, digits, _ and -")
    assert p.message.endswith(suggestion)


def test_invalid_relation_id_characters():
    problems = problems_of(PAIR.replace("{source: a", "{id: 'r 1', source: a"))
    assert_single_error(problems, 5, 10, "relation 1 (a directs b): an id may hold only letters")


# -- references between actors, types and relations ----------------------------------------------------

ACTORS3 = """\
actors:
  - {id: iran, name: Iran, kind: state, aliases: [Tehran]}
  - {id: pmu_militias, name: PMU militias, kind: armed_group}
  - {id: united_states, name: United States, kind: state, aliases: [Washington]}
relations:
"""


@pytest.mark.parametrize(
    ("relation", "column", "message"),
    [
        pytest.param(
            "{source: iran, target: pmu_militia, type: directs}",
            28,
            "relation 1 (iran directs pmu_militia): target 'pmu_militia' is not an actor id "
            "(did you mean 'pmu_militias'?)",
            id="close-id",
        ),
        pytest.param(
            "{source: Iran, target: pmu_militias, type: directs}",
            14,
            "relation 1 (Iran directs pmu_militias): source 'Iran' is not an actor id (that is "
            "a name of actor 'iran': relations use actor ids)",
            id="actor-name",
        ),
        pytest.param(
            "{source: washington, target: iran, type: accuses}",
            14,
            "source 'washington' is not an actor id (that is a name of actor 'united_states': "
            "relations use actor ids)",
            id="actor-alias-any-case",
        ),
        pytest.param(
            "{source: iran, target: hezbollah, type: supports}",
            28,
            "target 'hezbollah' is not an actor id (no actor id is close; declare it under "
            "'actors:')",
            id="nothing-close",
        ),
    ],
)
def test_relation_naming_an_unknown_actor(relation, column, message):
    problems = problems_of(ACTORS3 + f"  - {relation}\n")
    assert_single_error(problems, 6, column, message)


@pytest.mark.parametrize(
    ("rtype", "hint"),
    [
        pytest.param("direct", "(did you mean 'directs'?)", id="close"),
        pytest.param("Supports", "(did you mean 'supports'?)", id="case"),
        pytest.param(
            "marries",
            "(declare it under 'relation_types:' or use a built-in type: accuses, allies_with,",
            id="nothing-close",
        ),
    ],
)
def test_unknown_relation_type_with_suggestion(rtype, hint):
    problems = problems_of(ACTORS3 + f"  - {{source: iran, target: pmu_militias, type: {rtype}}}\n")
    p = assert_single_error(
        problems,
        6,
        48,
        f"relation 1 (iran {rtype} pmu_militias): type '{rtype}' is not a known relation type",
    )
    assert hint in p.message


@pytest.mark.parametrize("key", ["claimed_by", "disputed_by"])
def test_unknown_claimed_by_or_disputed_by_points_at_the_list_item(key):
    problems = problems_of(
        ACTORS3
        + f"""\
  - source: iran
    target: pmu_militias
    type: directs
    status: alleged
    {key}:
      - united_states
      - Iran
      - usa
"""
    )
    errors = [p for p in problems if p.level == "error"]
    assert len(errors) == 2, problems
    find(
        errors,
        12,
        9,
        f"relation 1 (iran directs pmu_militias): {key} names 'Iran', which is "
        "not an actor id (that is a name of actor 'iran': relations use actor ids)",
    )
    find(errors, 13, 9, f"{key} names 'usa', which is not an actor id")


def test_unknown_claimed_by_in_a_flow_list_points_at_the_item():
    problems = problems_of(
        ACTORS3 + "  - {source: iran, target: pmu_militias, type: directs, "
        "claimed_by: [iran, united_state]}\n"
    )
    p = assert_single_error(problems, 6, 76, "claimed_by names 'united_state'")
    assert "(did you mean 'united_states'?)" in p.message


# -- dates and status -----------------------------------------------------------------------------------


def relation_with(*lines: str) -> str:
    """PAIR, then relation 2 (a supports b) whose extra lines start on line 9."""
    body = "".join(f"    {line}\n" for line in lines)
    return PAIR + "  - source: a\n    target: b\n    type: supports\n" + body


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param(
            "2021-02-29",
            "'2021-02-29' is not a real day: February 2021 has 28 days",
            id="no-feb-29",
        ),
        pytest.param(
            "2020-04-31", "'2020-04-31' is not a real day: April 2020 has 30 days", id="april-31"
        ),
        pytest.param(
            "2020-13", "'2020-13' is not a real month: the month must be 01 to 12", id="month-13"
        ),
        pytest.param("2020-00", "'2020-00' is not a real month", id="month-00"),
        pytest.param("0000", "'0000' is not a real year", id="year-0"),
        pytest.param(
            "10/03/2020",
            "'10/03/2020' is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2020-10-03",
            id="slashes",
        ),
        pytest.param("2020-10-03T10:00", "'2020-10-03T10:00' is not an ISO date", id="time"),
        pytest.param("2020-10-03 10:00", "'2020-10-03 10:00' is not an ISO date", id="time-space"),
        pytest.param("March 2020", "'March 2020' is not an ISO date", id="words"),
        pytest.param("2020-3-5", "'2020-3-5' is not an ISO date", id="no-zero-padding"),
        pytest.param("20201003", "'20201003' is not an ISO date", id="compact"),
        pytest.param("2020.5", "'2020.5' is not an ISO date", id="float"),
    ],
)
@pytest.mark.parametrize("key", ["date", "start", "end"])
def test_impossible_or_non_iso_dates(key, value, message):
    problems = problems_of(relation_with(f"{key}: {value}"))
    column = 5 + len(key) + 2
    assert_single_error(problems, 9, column, f"relation 2 (a supports b): '{key}': {message}")


def test_valid_partial_dates_load():
    ds = load_text(dedent(relation_with("start: 2020-02-29", "end: 2021")), NAME)
    (relation,) = [r for r in ds.relations if r.type == "supports"]
    assert relation.when.label == "2020-02-29 to 2021"


@pytest.mark.parametrize(
    ("start", "end"),
    [("2021", "2020"), ("2020-10-05", "2020-10-04"), ("2020-11", "2020-10-31")],
)
def test_end_before_start(start, end):
    problems = problems_of(relation_with(f"start: {start}", f"end: {end}"))
    assert_single_error(
        problems, 10, 10, f"relation 2 (a supports b): it ends ({end}) before it starts ({start})"
    )


@pytest.mark.parametrize("other", ["start: 2019", "end: 2021"])
def test_date_together_with_start_or_end(other):
    problems = problems_of(relation_with("date: 2020", other))
    assert_single_error(
        problems,
        9,
        11,
        "relation 2 (a supports b): give either 'date' (a "
        "moment) or 'start'/'end' (a period), not both",
    )


@pytest.mark.parametrize(
    ("status", "hint"),
    [
        ("aleged", " (did you mean 'alleged'?)"),
        ("denyed", " (did you mean 'denied'?)"),
        ("rumoured", ""),
    ],
)
def test_unknown_status_with_suggestion(status, hint):
    problems = problems_of(relation_with(f"status: {status}"))
    p = assert_single_error(
        problems,
        9,
        13,
        f"relation 2 (a supports b): status '{status}' is not one of confirmed, alleged, denied, "
        "refuted",
    )
    assert p.message.endswith(f"refuted{hint}")


def test_status_is_case_insensitive():
    ds = load_text(dedent(relation_with("status: Alleged")), NAME)
    assert {r.status for r in ds.relations} == {"confirmed", "alleged"}


# -- YAML mappings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "key", "first"),
    [
        pytest.param(
            """
            actors:
              - id: a
                name: Alpha
                kind: state
                name: Other
            """,
            5,
            5,
            "name",
            3,
            id="block",
        ),
        pytest.param(
            "actors:\n  - {id: a, name: A, kind: state, id: b}\n", 2, 35, "id", 2, id="flow"
        ),
        pytest.param("title: x\nactors: []\ntitle: y\n", 3, 1, "title", 1, id="top-level"),
    ],
)
def test_duplicate_key_in_a_mapping(text, line, column, key, first):
    problems = problems_of(text)
    find(
        problems,
        line,
        column,
        f"the key '{key}' appears twice in this mapping (first on line {first}); keep one",
    )


# -- relation types ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "column", "message"),
    [
        pytest.param(
            "{stance: hostile, influence: 1.5}",
            38,
            "'influence' must be a number from 0 to 1 (0 = no influence flows), not '1.5'",
            id="influence-1.5",
        ),
        pytest.param(
            "{stance: hostile, influence: high}",
            38,
            "'influence' must be a number from 0 to 1 (0 = no influence flows), not 'high'",
            id="influence-text",
        ),
        pytest.param(
            "{stance: hostile, influence: .nan}",
            38,
            "'influence' must be a number from 0 to 1 (0 = no influence flows), not '.nan'",
            id="influence-nan",
        ),
        pytest.param("{stance: hostile, influence: .inf}", 38, "not '.inf'", id="influence-inf"),
        pytest.param(
            "{stance: hostile, influence: -0.1}", 38, "not '-0.1'", id="influence-negative"
        ),
        pytest.param("{stance: hostile, influence: true}", 38, "not 'true'", id="influence-bool"),
        pytest.param(
            "{stance: hostil, influence: 0.5}",
            18,
            "stance 'hostil' is not one of hostile, cooperative, neutral (did you mean 'hostile'?)",
            id="stance-typo",
        ),
        pytest.param(
            "{stance: friendly, influence: 0.5}",
            18,
            "stance 'friendly' is not one of hostile, cooperative, neutral",
            id="stance-unknown",
        ),
        pytest.param(
            "{stance: hostile, influence: 0.5, directed: maybe}",
            53,
            "'directed' must be true or false",
            id="directed-text",
        ),
        pytest.param(
            "{stance: hostile, influence: 0.5, directed: 1}",
            53,
            "'directed' must be true or false",
            id="directed-int",
        ),
        pytest.param(
            "3",
            9,
            "relation type 'feud' must be a mapping like {description: ...",
            id="not-a-mapping",
        ),
    ],
)
def test_relation_type_with_bad_properties(spec, column, message):
    text = (
        "relation_types:\n  feud: "
        + spec
        + "\n"
        + PAIR
        + "  - {source: b, target: a, type: feud}\n"
    )
    problems = problems_of(text)
    # The type's own error only: the relation using it is not blamed again.
    assert_single_error(problems, 2, column, message)


@pytest.mark.parametrize(
    ("spec", "missing"),
    [
        ("{stance: hostile}", "influence"),
        ("{influence: 0.3, directed: false}", "stance"),
        ("{description: a long quarrel}", "stance and influence"),
    ],
)
def test_new_relation_type_missing_stance_or_influence(spec, missing):
    problems = problems_of("relation_types:\n  feud: " + spec + "\n" + PAIR)
    assert_single_error(
        problems,
        2,
        3,
        f"relation type 'feud' is new, so it needs {missing} "
        "(and may give directed and description)",
    )


def test_relation_using_an_incomplete_new_type_is_not_blamed_again():
    problems = problems_of(
        "relation_types:\n  feud: {stance: hostile}\n"
        + PAIR
        + "  - {source: b, target: a, type: feud}\n"
    )
    assert_single_error(problems, 2, 3, "relation type 'feud' is new, so it needs influence")


def test_relation_type_name_with_bad_characters():
    problems = problems_of(
        "relation_types:\n  blood feud: {stance: hostile, influence: 0.1}\n" + PAIR
    )
    assert_single_error(
        problems,
        2,
        3,
        "relation type 'blood feud': a type name may hold only letters, digits, _ and -",
    )


def test_duplicate_explicit_relation_id():
    problems = problems_of(
        """
        actors:
          - {id: a, name: Alpha, kind: state}
          - {id: b, name: Beta, kind: state}
        relations:
          - {id: r1, source: a, target: b, type: directs}
          - {id: r2, source: b, target: a, type: supports}
          - {id: r1, source: b, target: a, type: accuses}
        """
    )
    assert_single_error(
        problems,
        7,
        10,
        "relation 3 (b accuses a): the relation id 'r1' is already used at f.yaml:5:5",
    )


def test_generated_ids_avoid_explicit_ones():
    ds = load_text(
        dedent(
            """
        actors:
          - {id: a, name: Alpha, kind: state}
          - {id: b, name: Beta, kind: state}
        relations:
          - {id: a-directs-b, source: b, target: a, type: directs}
          - {source: a, target: b, type: directs}
        """
        ),
        NAME,
    )
    assert [r.id for r in ds.relations] == ["a-directs-b", "a-directs-b-2"]


# -- reading the file ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "line", "column", "message"),
    [
        pytest.param(
            "", 1, 1, "the file is empty; a dataset needs at least an 'actors:' list", id="empty"
        ),
        pytest.param("  \n\n\t\n", 1, 1, "the file is empty", id="blank"),
        pytest.param(
            "# just a comment\n# and another\n",
            1,
            1,
            "the file holds no data (it is empty, or only comments)",
            id="comments",
        ),
        pytest.param(
            b"actors:\n  - id: a\x00b\n",
            2,
            10,
            "this is not a text file (it holds NUL bytes); a dataset is a YAML text file",
            id="nul-bytes",
        ),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, 1, "it holds NUL bytes", id="png"),
        pytest.param(
            b"actors:\n  - id: a\n    name: caf\xe9\n",
            3,
            14,
            "this is not UTF-8 text: byte 0xE9 cannot be decoded; save the file as UTF-8",
            id="latin-1",
        ),
        pytest.param(
            b"title: \xff\xfe\n", 1, 8, "byte 0xFF cannot be decoded", id="invalid-utf8-first-line"
        ),
        pytest.param(
            "actors: []\n".encode("utf-16"),
            1,
            1,
            "this file is UTF-16 text; save it as UTF-8 and try again",
            id="utf-16",
        ),
        pytest.param(
            b"\xfe\xff" + "actors: []\n".encode("utf-16-be"),
            1,
            1,
            "this file is UTF-16 text",
            id="utf-16-be",
        ),
        pytest.param(
            "actors:\n  - {id: a, name: A\x07, kind: state}\n",
            2,
            20,
            "character U+0007 is not allowed in YAML text; is this a binary file?",
            id="control-char",
        ),
        pytest.param(
            "actors:\n  - {id: a, name: A, kind: state}\n---\nactors: []\n",
            3,
            1,
            "a second YAML document starts here ('---'); a dataset file holds one document",
            id="two-documents",
        ),
    ],
)
def test_file_that_cannot_be_a_dataset(write, content, line, column, message):
    path = write("data.yaml", content)
    problems = file_problems(path)
    assert_single_error(problems, line, column, message, file=str(path))


def test_utf8_bom_is_accepted(write):
    path = write("bom.yaml", "\ufeff" + PAIR)
    ds = load_dataset([path])
    assert set(ds.actors) == {"a", "b"}


@pytest.mark.parametrize(
    ("content", "line", "column"),
    [
        pytest.param(b"\xef\xbb\xbfa: \xff\n", 1, 4, id="first-line"),
        pytest.param(b"\xef\xbb\xbfa\n\xff\n", 2, 1, id="second-line"),
    ],
)
def test_invalid_utf8_after_a_bom_names_the_bad_byte(write, content, line, column):
    path = write("bom.yaml", content)
    problems = file_problems(path)
    assert_single_error(problems, line, column, "byte 0xFF cannot be decoded", file=str(path))


def test_control_character_position_in_a_file_with_cr_line_ends():
    problems = problems_of("title: x\rdescription: \x07\r")
    assert_single_error(problems, 2, 14, "character U+0007 is not allowed")


def test_a_directory_is_not_a_dataset(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "actors.yaml").write_text(PAIR, encoding="utf-8")
    problems = file_problems(folder)
    p = assert_single_error(
        problems, None, None, "this is a directory, not a dataset file", file=str(folder)
    )
    assert "(it holds actors.yaml)" in p.message
    assert str(p) == f"{folder}: error: {p.message}"


def test_a_missing_file(tmp_path):
    path = tmp_path / "nope.yaml"
    problems = file_problems(path)
    p = assert_single_error(problems, None, None, "no such file", file=str(path))
    assert p.line is None and p.column is None
    assert str(p).startswith(f"{path}: error: no such file")


def test_no_file_at_all():
    with pytest.raises(DataError) as info:
        load_dataset([])
    assert [p.message for p in info.value.errors] == ["no dataset file was given"]


# -- YAML tags and aliases -------------------------------------------------------------------------------


def test_python_object_apply_tag_is_refused_and_never_run(tmp_path):
    marker = tmp_path / "pwned"
    text = (
        "actors:\n"
        "  - id: a\n"
        f"    name: !!python/object/apply:os.system ['touch {marker}']\n"
        "    kind: state\n"
        f"    note: !!python/object/apply:subprocess.check_call [['touch', '{marker}']]\n"
    )
    problems = problems_of(text)
    find(
        problems,
        3,
        11,
        "the YAML tag '!!python/object/apply:os.system' is not allowed: "
        "actorgraph reads plain data only, and refuses (never runs) such tags",
    )
    find(
        problems, 5, 11, "the YAML tag '!!python/object/apply:subprocess.check_call' is not allowed"
    )
    assert not marker.exists()


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!!python/object:collections.OrderedDict {}", "!!python/object:collections.OrderedDict"),
        ("!foo bar", "!foo"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!<tag:example.com,2024:x> y", "tag:example.com,2024:x"),
    ],
)
def test_other_tags_are_refused(value, tag):
    problems = problems_of(f"actors:\n  - id: a\n    name: {value}\n    kind: state\n")
    find(problems, 3, 11, f"the YAML tag '{tag}' is not allowed")
    assert all(p.line == 3 for p in problems if p.level == "error")


def test_local_tag_on_a_mapping_is_refused():
    problems = problems_of("actors:\n  - !actor {id: a, name: A, kind: state}\n")
    assert_single_error(problems, 2, 5, "the YAML tag '!actor' is not allowed")


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        pytest.param("actors: &a [*a]\n", 1, 13, id="top-list"),
        pytest.param(
            PAIR.replace("kind: state}", "kind: state, extra: &x {self: *x}}", 1),
            2,
            56,
            id="extra-attribute",
        ),
    ],
)
def test_recursive_alias_is_refused(text, line, column):
    problems = problems_of(text)
    alias = "a" if "&a" in text else "x"
    find(problems, line, column, f"the alias *{alias} refers to a value that contains it")


def test_unknown_alias():
    problems = problems_of(
        """
        actors:
          - id: a
            name: *alpha
            kind: state
        """
    )
    find(problems, 3, 11, "the alias *alpha has no anchor &alpha before it")


# -- all at once ----------------------------------------------------------------------------------


def test_all_errors_of_a_file_are_reported_at_once_sorted_by_line():
    problems = problems_of(
        """
        relation_types:
          feud: {stance: hostile, influence: 2}
        actors:
          - {id: a, name: Alpha, kind: state}
          - {id: b, name: Beta}
          - {id: a, name: Alpha again, kind: state}
          - {id: 'c d', name: Gamma, kind: state}
        relations:
          - {source: a, target: bb, type: directs}
          - {source: a, target: b, type: direct}
          - {source: a, target: b, type: supports, date: 2021-02-29}
          - {source: a, target: b, type: supports, status: aleged}
          - {source: a, target: b, type: supports, start: 2021, end: 2020}
          - {source: Alpha, target: b, type: accuses, claimed_by: [zz]}
        """
    )
    expected = [
        (2, 38, "'influence' must be a number from 0 to 1"),
        (5, 5, "actor 'b' has no 'kind'"),
        (6, 10, "actor 'a' is defined twice in this file (first on line 4)"),
        (7, 10, "actor 'c d': an id may hold only"),
        (9, 25, "target 'bb' is not an actor id"),
        (10, 34, "type 'direct' is not a known relation type (did you mean 'directs'?)"),
        (11, 50, "'2021-02-29' is not a real day"),
        (12, 52, "status 'aleged' is not one of"),
        (13, 62, "it ends (2020) before it starts (2021)"),
        (14, 14, "source 'Alpha' is not an actor id (that is a name of actor 'a'"),
        (14, 60, "claimed_by names 'zz'"),
    ]
    assert [(p.line, p.column) for p in problems] == [(line, col) for line, col, _ in expected]
    for p, (_line, _col, fragment) in zip(problems, expected, strict=True):
        assert p.file == NAME and p.level == "error"
        assert fragment in p.message, (str(p), fragment)
    assert problems == sorted(problems, key=lambda p: (p.line, p.column))


def test_every_bad_evidence_item_is_reported():
    problems = problems_of(relation_with("evidence:", "  - quote: first", "  - source: second"))
    find(problems, 10, 9, "evidence 1 has no 'source'")
    find(problems, 11, 9, "evidence 2 has no 'quote'")


def test_every_bad_date_of_a_relation_is_reported():
    problems = problems_of(relation_with("start: 2020-13", "end: 2021-02-30"))
    find(problems, 9, 12, "'2020-13' is not a real month")
    find(problems, 10, 10, "'2021-02-30' is not a real day")


# -- warnings ------------------------------------------------------------------------------------

WARNING_CASES = [
    pytest.param(
        PAIR.replace("relations:", "  - {id: c, name: Gamma, kind: state}\nrelations:"),
        4,
        5,
        "actor 'c' takes part in no relation",
        id="lonely-actor",
    ),
    pytest.param(
        PAIR + "  - {source: a, target: a, type: leads}\n",
        6,
        5,
        "relation 'a-leads-a' links 'a' to itself",
        id="self-relation",
    ),
    pytest.param(
        PAIR + "  - {source: a, target: b, type: directs}\n",
        6,
        5,
        "relation 'a-directs-b-2' repeats the relation at f.yaml:5:5 exactly",
        id="exact-duplicate",
    ),
    pytest.param(
        PAIR.replace("type: directs}", "type: directs, staus: alleged}"),
        5,
        43,
        "relation 1 (a directs b): unknown field 'staus' (did you mean "
        "'status'?); it is kept as an extra attribute",
        id="field-typo-relation",
    ),
    pytest.param(
        PAIR.replace("name: Beta,", "name: Beta, descripton: x,"),
        3,
        25,
        "actor 'b': unknown field 'descripton' (did you mean 'description'?); it "
        "is kept as an extra attribute",
        id="field-typo-actor",
    ),
    pytest.param(
        "titel: x\n" + PAIR,
        1,
        1,
        "the dataset: unknown field 'titel' (did you mean 'title'?); it is ignored",
        id="field-typo-top",
    ),
    pytest.param(
        PAIR.replace("kind: state}", "kind: stat}", 1),
        2,
        32,
        "actor 'a': kind 'stat' is not a known kind (did you mean 'state'?); it is counted as an "
        "agent (declare it under 'kinds:' as agent, place or event)",
        id="kind-typo",
    ),
    pytest.param(
        PAIR.replace("name: Beta, kind: state", "name: Beta, kind: armed_grup"),
        3,
        31,
        "actor 'b': kind 'armed_grup' is not a known kind (did you mean 'armed_group'?); it is "
        "counted as an agent (declare it under 'kinds:' as agent, place or event)",
        id="kind-typo-2",
    ),
    pytest.param(
        "relation_types:\n  directs: {influence: 0.5}\n" + PAIR,
        2,
        3,
        "relation type 'directs' redefines the built-in type (influence: 0.9 -> 0.5)",
        id="builtin-type-redefined",
    ),
    pytest.param(
        PAIR.replace("type: directs}", "type: directs, claimed_by: [a], disputed_by: [a]}"),
        5,
        73,
        "relation 1 (a directs b): a both claims and disputes it",
        id="claims-and-disputes",
    ),
    pytest.param(
        PAIR.replace(
            "type: directs}", "type: directs, evidence: [{source: s, quote: q, url: www.x.org}]}"
        ),
        5,
        81,
        "url 'www.x.org' does not look like a web address",
        id="url-not-http",
    ),
]


@pytest.mark.parametrize(("text", "line", "column", "message"), WARNING_CASES)
def test_warning_does_not_raise(text, line, column, message):
    ds = load_text(dedent(text), NAME)
    assert len(ds.warnings) == 1, [str(w) for w in ds.warnings]
    find(list(ds.warnings), line, column, message, level="warning")
    (warning,) = ds.warnings
    assert warning.level == "warning"
    assert str(warning).startswith(f"{NAME}:{line}:{column}: warning: ")


@pytest.mark.parametrize(("text", "line", "column", "message"), WARNING_CASES)
def test_warning_is_an_error_when_strict(text, line, column, message):
    with pytest.raises(DataError) as info:
        load_text(dedent(text), NAME, strict=True)
    error = info.value
    assert error.warnings == []
    assert len(error.errors) == 1
    assert (error.errors[0].line, error.errors[0].column) == (line, column)
    assert message in error.errors[0].message
    assert str(error).endswith("1 error and 0 warnings in 1 file; nothing was analysed.")


def test_warnings_are_not_reported_next_to_errors_that_dropped_relations():
    # The relation to 'bb' is dropped, so 'b' takes part in no relation: no warning about it.
    problems = problems_of(PAIR.replace("target: b,", "target: bb,"))
    assert [p.level for p in problems] == ["error"]


def test_redefined_builtin_type_uses_the_merged_properties():
    ds = load_text(
        dedent(
            "relation_types:\n  supports: {influence: 0.9, directed: false}\n"
            + PAIR
            + "  - {source: b, target: a, type: supports}\n"
        ),
        NAME,
    )
    supports = ds.relation_types["supports"]
    assert supports.influence == 0.9
    assert supports.directed is False
    assert supports.stance == "cooperative"  # kept from the built-in type
    assert supports.description == "backs politically, materially or militarily"
    assert supports.builtin is False
    G = build_graph(ds)
    edge = G.edges["b", "a", "b-supports-a"]
    assert (edge["influence"], edge["directed"], edge["stance"]) == (0.9, False, "cooperative")


def test_an_unknown_kind_is_an_agent_with_one_warning_per_kind():
    text = PAIR.replace("kind: state}", "kind: militia_network}")
    ds = load_text(dedent(text), NAME)
    (warning,) = ds.warnings
    assert warning.message.startswith("actor 'a' (and 1 more actors): kind 'militia_network' is")
    assert "counted as an agent" in warning.message
    assert build_graph(ds).nodes["b"]["node_class"] == "agent"


def test_a_kind_declared_under_kinds_is_silent_and_takes_its_class():
    text = "kinds: {district: place, militia_network: agent}\n" + PAIR.replace(
        "kind: state}", "kind: district}", 1
    )
    ds = load_text(dedent(text), NAME)
    assert ds.warnings == ()
    assert build_graph(ds).nodes["a"]["node_class"] == "place"


def test_a_kind_of_an_unknown_class_is_an_error():
    with pytest.raises(DataError, match="class 'location' is not one of agent, place, event"):
        load_text(dedent("kinds: {district: location}\n" + PAIR), NAME)


# -- extra fields -------------------------------------------------------------------------------------


def test_extra_fields_are_kept_silently_and_reach_the_graph():
    ds = load_text(
        dedent(
            """
        actors:
          - {id: iran, name: Iran, kind: state, wikidata: Q794, population: 88550570}
          - id: pmu
            name: PMU
            kind: armed_group
            founded: {year: 2014, by: [fatwa, government]}
        relations:
          - {source: iran, target: pmu, type: directs, wikidata: P000, intensity: .inf}
        """
        ),
        NAME,
    )
    assert ds.warnings == ()
    assert dict(ds.actors["iran"].attributes) == {"wikidata": "Q794", "population": 88550570}
    assert dict(ds.actors["pmu"].attributes) == {
        "founded": {"year": 2014, "by": ["fatwa", "government"]}
    }
    (relation,) = ds.relations
    assert dict(relation.attributes) == {"wikidata": "P000", "intensity": "inf"}

    G = build_graph(ds)
    assert G.nodes["iran"]["wikidata"] == "Q794"
    assert G.nodes["iran"]["population"] == 88550570
    assert G.nodes["pmu"]["founded"] == {"year": 2014, "by": ["fatwa", "government"]}
    edge = G.edges["iran", "pmu", "iran-directs-pmu"]
    assert edge["wikidata"] == "P000"
    assert edge["intensity"] == "inf"
    assert edge["type"] == "directs"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            PAIR.replace("name: Alpha,", "name: Alpha, defined_at: here,"), id="actor-defined_at"
        ),
        pytest.param(PAIR.replace("type: directs}", "type: directs, key: k1}"), id="relation-key"),
    ],
)
def test_extra_field_named_like_a_graph_attribute_does_not_crash_the_graph(text):
    try:
        ds = load_text(dedent(text), NAME)
    except DataError:
        return  # refusing the name is fine too
    build_graph(ds)


# -- odd values -----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["9" * 400, "0x" + "f" * 300])
def test_huge_integer_influence_is_an_error_not_a_crash(value):
    problems = problems_of(
        "relation_types:\n  feud: {stance: hostile, influence: " + value + "}\n" + PAIR
    )
    assert_single_error(problems, 2, 38, "'influence' must be a number from 0 to 1")


def test_huge_integer_extra_attribute_is_kept():
    ds = load_text(
        dedent(PAIR.replace("name: Alpha,", "name: Alpha, big: " + "9" * 400 + ",")), NAME
    )
    assert ds.actors["a"].attributes["big"] == int("9" * 400)


def test_date_in_non_ascii_digits_is_not_iso():
    problems = problems_of(relation_with("date: \u0662\u0660\u0662\u0660-\u0661\u0660"))
    assert_single_error(problems, 9, 11, "is not an ISO date")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('actors:\n  - {id: "a\\nb", name: X, kind: state}\n', id="actor-id"),
        pytest.param('"tit\\nle": x\n' + PAIR, id="top-level-key"),
    ],
)
def test_every_problem_is_one_line(text):
    with pytest.raises(DataError) as info:
        load_text(text, NAME, strict=True)
    for problem in info.value.problems:
        assert "\n" not in str(problem), str(problem)
