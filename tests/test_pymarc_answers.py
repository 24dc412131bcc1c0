"""The recorded oracle itself (pymarc_answers.py): a recorded answer equals
the same value and nothing else, keeps items only where mrrc differs, is
portable across checkouts, and a missing or stale one fails."""

import platform

import pymarc_answers
import pytest
from pymarc_answers import Recorded, _Answers, portable, tree

VALUE = [("raised", "TruncatedRecord", "x"), {"leader": "00000nam", "fields": [b"\x1e"]}, None]


def test_a_recording_equals_the_same_value_only():
    recorded = Recorded(tree(VALUE, 0), "here")
    assert VALUE == recorded and recorded == VALUE
    assert VALUE[:2] != recorded
    assert [list(VALUE[0]), *VALUE[1:]] != recorded  # a list is not a tuple
    with pytest.raises(TypeError, match="without its items"):
        len(recorded)
    with pytest.raises(TypeError, match="compare a recorded answer"):
        bool(recorded)


def test_items_are_kept_only_where_mine_differs():
    assert tree(VALUE, 2, mine=list(VALUE)) == tree(VALUE, 0)
    mine = [VALUE[0], {"leader": "changed"}, None]
    kept = Recorded(tree(VALUE, 2, mine=mine), "here")
    assert len(kept) == 3 and kept[0] == VALUE[0] and kept[1] != mine[1] and kept[1] == VALUE[1]
    assert kept[0].items is None  # equal items keep their digest only


def test_paths_are_recorded_relative_to_the_tests():
    here = pymarc_answers.RECORDING.parent.parent
    assert portable(f"error in {here}/data/x.xml") == "error in <tests>/data/x.xml"
    assert portable(("string indices must be integers, not 'str'",)) == ("string indices must be integers",)


def answers(saved, live, monkeypatch, python=None):
    monkeypatch.setattr(pymarc_answers, "LIVE", live)
    made = _Answers()
    made.saved = {"python": python or platform.python_version(), "answers": {"f.py::t": saved}}
    made.key = "f.py::t"
    return made


def test_without_pymarc_the_recording_is_given_back(monkeypatch):
    made = answers([tree(VALUE, 0), {"value": ["[", "a", "b"]}], False, monkeypatch)
    assert made.ask(lambda: pytest.fail("pymarc is not called"), 0, pymarc_answers._ANY, False, None) == VALUE
    assert made.ask(None, 0, pymarc_answers._ANY, True, None) == ["a", "b"]
    with pytest.raises(pytest.fail.Exception, match="no recorded pymarc answer for f.py::t #2"):
        made.ask(None, 0, pymarc_answers._ANY, False, None)


def test_with_pymarc_a_stale_or_missing_answer_fails(monkeypatch):
    made = answers([tree("old", 0)], True, monkeypatch)
    with pytest.raises(pytest.fail.Exception, match="missing or stale"):
        made.ask(lambda: "new", 0, pymarc_answers._ANY, False, None)
    made = answers([tree("same", 0)], True, monkeypatch)
    assert made.ask(lambda: "same", 0, pymarc_answers._ANY, False, None) == "same"
    with pytest.raises(pytest.fail.Exception, match="missing or stale"):
        made.ask(lambda: "more", 0, pymarc_answers._ANY, False, None)


def test_a_recording_from_another_python_is_not_checked_for_staleness(monkeypatch):
    made = answers([tree("old", 0)], True, monkeypatch, python="2.7.18")
    assert made.ask(lambda: "new", 0, pymarc_answers._ANY, False, None) == "new"


def test_freshness_is_pymarcs_answer_not_the_items_kept_where_mrrc_differed(monkeypatch):
    made = answers([tree(VALUE, 1, mine=[None, None, None])], True, monkeypatch)
    assert made.ask(lambda: VALUE, 1, list(VALUE), False, None) == VALUE  # mrrc agrees now: not stale


def test_a_labelled_answer_has_an_entry_of_its_own(monkeypatch):
    made = answers([], False, monkeypatch)
    made.saved["answers"]["f.py::t@file.mrc"] = [tree(b"x", 0)]
    assert made.ask(None, 0, pymarc_answers._ANY, False, "file.mrc") == b"x"
    assert made.calls == 0


def test_a_kept_value_is_given_back_live_as_recorded(monkeypatch):
    made = answers([], True, monkeypatch, python="2.7.18")
    here = str(pymarc_answers.RECORDING.parent.parent)
    assert made.ask(lambda: {"names": ("a", here)}, 0, pymarc_answers._ANY, True, None) == {"names": ("a", "<tests>")}
