"""The bindings themselves: models, results, exact numbers, errors (issue 9).

The numbers asserted are the specs' (vector A of 001: Pr(G) = 41/176,
gamma = [[1, 5/11], [5/11, 0]]; Chvatal's LP: optimum 13) so that a wrong conversion shows as a
wrong value, not only as a wrong type.
"""

from __future__ import annotations

import doctest
import importlib.util
import json
import subprocess
import threading
from fractions import Fraction

import numpy as np
import pytest

import mechlab
from conftest import BAD_INPUTS, ROOT

VECTOR_A = "mediation/hms-vector-a.json"


def test_version_names_library_and_dependencies():
    text = mechlab.version()
    assert text.startswith("mechlab ")
    for dependency in ("GMP", "Clp", "fmt", "nlohmann-json"):
        assert dependency in text


def test_every_family_is_a_module_with_its_verbs():
    assert mechlab.families == ["lp", "distribution", "mechanism", "infosize", "dynamic",
                                "disclosure", "alliance", "mediation"]
    assert callable(mechlab.alliance.solve) and callable(mechlab.mediation.topdown)
    assert "solve" in dir(mechlab.load(ROOT / "examples" / VECTOR_A))


def test_package_docstring_example_runs(monkeypatch):
    monkeypatch.chdir(ROOT)  # the example's path is relative to the repository root
    failures, tried = doctest.testmod(mechlab, verbose=False, report=False)
    assert tried >= 3 and failures == 0


# --- models: round trips and edits --------------------------------------------------------------

def test_file_dict_save_load_round_trip(examples, tmp_path):
    original = mechlab.load(examples / VECTOR_A)
    assert original.family == "mediation" and original.path == str(examples / VECTOR_A)
    document = original.to_dict()
    assert document == json.loads((examples / VECTOR_A).read_text())
    rebuilt = mechlab.Model(document)
    rebuilt.save(tmp_path / "a.json")
    again = mechlab.load(tmp_path / "a.json")
    assert again.to_dict() == document
    assert mechlab.load(document).to_dict() == document  # load() takes a dict too
    # to_dict() is a copy: editing it leaves the model alone
    document["prior"] = ["1/2", "1/2"]
    assert rebuilt.to_dict()["prior"] != ["1/2", "1/2"]


def test_dict_model_gives_the_file_result(examples):
    from_file = mechlab.mediation.solve(examples / VECTOR_A)
    from_dict = mechlab.Model(json.loads((examples / VECTOR_A).read_text())).solve()
    assert from_dict.json == from_file.json
    assert from_dict.probability == from_file.probability == Fraction(41, 176)


def test_with_values_writes_fractions_as_p_over_q_and_reads_them_back(examples):
    model = mechlab.load(examples / VECTOR_A)
    edited = model.with_values({"/prior": [Fraction(1, 3), Fraction(2, 3)], "/name": "edited"})
    assert edited.to_dict()["prior"] == ["1/3", "2/3"]
    assert edited.to_dict()["name"] == "edited"
    assert model.to_dict()["prior"] != ["1/3", "2/3"]  # a copy, the original is unchanged
    result = edited.solve()
    # The verb echoes the prior it read: exactly 1/3, not the double nearest to it.
    assert list(result.model["prior"]) == [Fraction(1, 3), Fraction(2, 3)]
    assert result.probability != Fraction(41, 176)  # the edit reached the computation


def test_with_values_unknown_parent_is_a_key_error(examples):
    model = mechlab.load(examples / VECTOR_A)
    with pytest.raises(KeyError, match="/game/nope"):
        model.with_values({"/game/nope/x": 1})


# --- exact numbers --------------------------------------------------------------------------------

def _tiny_lp(bound):
    return {"model": "lp", "version": 1, "name": "tiny", "sense": "maximize",
            "variables": [{"name": "x", "objective": 1}],
            "constraints": [{"name": "cap", "terms": {"x": 1}, "relation": "<=", "rhs": bound}]}


@pytest.mark.parametrize("bound", [0.1, Fraction(1, 10), "1/10"], ids=["float", "Fraction", "text"])
def test_a_decimal_in_a_model_is_its_exact_value(bound):
    result = mechlab.lp.solve(_tiny_lp(bound))
    # 0.1 as a double is 3602879701896397/36028797018963968; the model means 1/10.
    assert result.objective == Fraction(1, 10)
    assert isinstance(result.objective, Fraction)
    assert result.constraints[0]["dual"] == 1


@pytest.mark.parametrize("cost", [0.1, Fraction(1, 10), "1/10"], ids=["float", "Fraction", "text"])
def test_a_decimal_option_is_its_exact_value(examples, cost):
    result = mechlab.alliance.invest(examples / "alliance/section-5-1.json", cost=cost)
    assert result.cost == Fraction(1, 10)


def test_floating_gives_decimals_only():
    result = mechlab.lp.solve(_tiny_lp("1/10"), floating=True)
    assert result.number_type == "double"
    assert result.objective == {"decimal": 0.1}


def test_tables_are_numpy_arrays_of_fractions_and_to_dict_gives_lists(examples):
    result = mechlab.mediation.solve(examples / VECTOR_A)
    gamma = result.gamma
    assert isinstance(gamma, np.ndarray) and gamma.shape == (2, 2) and gamma.dtype == object
    assert gamma.tolist() == [[1, Fraction(5, 11)], [Fraction(5, 11), 0]]
    assert all(isinstance(x, Fraction) for x in gamma.flat)
    plain = result.to_dict()
    assert plain["gamma"] == [[1, Fraction(5, 11)], [Fraction(5, 11), 0]]
    assert type(plain["gamma"]) is list and type(plain["gamma"][0]) is list
    assert plain["z"] == [[Fraction(117, 440), Fraction(93, 220)]] * 2
    # .json is the CLI's --json output untouched
    assert result.json["probability"] == {"exact": "41/176", "decimal": pytest.approx(41 / 176)}


def test_result_attribute_and_item_access(examples):
    result = mechlab.mediation.solve(examples / VECTOR_A)
    assert result["probability"] == result.probability == Fraction(41, 176)
    assert "binding" in result and "nonsense" not in result
    assert result.binding == ["PC[1](1)", "IC[1](2->1)", "PC[2](1)", "IC[2](2->1)"]
    assert "probability" in result.keys() and "probability" in dir(result)
    assert result.command[:2] == ["mediation", "solve"] and result.exit_code == 0
    with pytest.raises(AttributeError, match="no field 'escalation'"):
        result.escalation
    with pytest.raises(KeyError):
        result["escalation"]
    with pytest.raises(AttributeError, match="no verb 'fly'"):
        mechlab.load(examples / VECTOR_A).fly


# --- errors ---------------------------------------------------------------------------------------

def _cli_check():
    """tests/cli/cli_check.py, for its map from a bad input's prefix to its command."""
    path = ROOT / "tests" / "cli" / "cli_check.py"
    spec = importlib.util.spec_from_file_location("cli_check", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


COMMANDS = _cli_check().COMMANDS

# One or two per family; none needs extra options (no NAME.args).
BAD = ["alliance-eta-one.json", "design-outcome-lottery-sum.json",
       "disclosure-k-out-of-range.json", "distribution-not-normalised.json",
       "dynamic-row-not-summing-to-1.json", "game-nfg-non-number.nfg",
       "infosize-joint-not-normalised.json", "lp-bad-relation.json", "lp-zero-denominator.json",
       "mechanism-prior-not-normalised.json", "mediation-prior-sum.json",
       "mediation-unknown-key.json"]


def _cli_message(cli, command, path):
    """What the CLI prints after "mechlab: invalid input: FILE: " (and its exit code)."""
    run = subprocess.run([str(cli), "--quiet", *command, str(path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    frame = f"mechlab: invalid input: {path}: "
    assert run.stderr.startswith(frame), run.stderr
    return run.returncode, run.stderr[len(frame):].rstrip("\n")


def _verb(command):
    return getattr(getattr(mechlab, command[0]), command[1])


@pytest.mark.parametrize("name", BAD)
def test_input_error_carries_the_cli_message(cli, name):
    path = BAD_INPUTS / name
    command = COMMANDS[name.split("-")[0]]
    code, message = _cli_message(cli, command, path)
    assert code == 2
    with pytest.raises(mechlab.InputError) as caught:
        _verb(command)(path)
    e = caught.value
    assert str(e) == message
    assert e.pointer and message.startswith(e.pointer + ": expected ")
    assert str(e) == f"{e.pointer}: expected {e.expected}, found {e.found}"
    assert e.file == str(path)
    assert isinstance(e, ValueError) and isinstance(e, mechlab.MechlabError)
    if path.suffix == ".json":  # the same through a Model (the document in memory)
        with pytest.raises(mechlab.InputError) as from_model:
            _verb(command)(mechlab.load(path))
        assert (str(from_model.value), from_model.value.pointer) == (message, e.pointer)


def test_input_error_pointer_of_a_known_bad_input():
    with pytest.raises(mechlab.InputError) as caught:
        mechlab.alliance.solve(BAD_INPUTS / "alliance-eta-one.json")
    assert caught.value.pointer == "/eta"
    assert caught.value.expected == "an interdependence η in (0, 1), open"
    assert caught.value.found == "1"


def test_load_rejects_a_duplicate_key_like_the_cli():
    with pytest.raises(mechlab.InputError) as caught:
        mechlab.load(BAD_INPUTS / "lp-duplicate-key.json").solve()
    assert caught.value.pointer == "/variables/0/objective"


def test_load_reports_invalid_json_like_the_cli(cli):
    path = BAD_INPUTS / "lp-syntax-error.json"
    _, message = _cli_message(cli, ["lp", "solve"], path)
    with pytest.raises(mechlab.InputError) as caught:
        mechlab.load(path)
    assert str(caught.value) == message


def test_invalid_json_through_the_verb_is_the_cli_message(cli):
    path = BAD_INPUTS / "lp-syntax-error.json"
    _, message = _cli_message(cli, ["lp", "solve"], path)
    assert message.startswith("(document root): expected valid JSON, found a syntax error "
                              "at byte 107")
    with pytest.raises(mechlab.InputError) as caught:
        mechlab.lp.solve(path)
    assert str(caught.value) == message and caught.value.pointer == ""


def test_unknown_option_is_a_type_error_naming_the_options(examples):
    with pytest.raises(TypeError) as caught:
        mechlab.alliance.solve(examples / "alliance/section-4-1.json", colour="red")
    text = str(caught.value)
    assert "`alliance solve` has no option 'colour'" in text
    for option in ("all_sets", "time_limit", "seed", "floating"):
        assert option in text


def test_model_of_the_wrong_family_is_an_input_error_at_model(cli, examples):
    path = examples / VECTOR_A
    with pytest.raises(mechlab.InputError) as by_path:
        mechlab.lp.solve(path)
    with pytest.raises(mechlab.InputError) as by_model:
        mechlab.lp.solve(mechlab.load(path))
    assert by_path.value.pointer == by_model.value.pointer == "/model"
    _, message = _cli_message(cli, ["lp", "solve"], path)
    assert str(by_path.value) == message == '/model: expected "lp", found the string "mediation"'


def test_model_of_the_wrong_family_has_the_cli_message(cli, examples):
    path = examples / VECTOR_A
    _, message = _cli_message(cli, ["lp", "solve"], path)
    with pytest.raises(mechlab.InputError) as caught:
        mechlab.lp.solve(mechlab.load(path))
    assert str(caught.value) == message
    assert (caught.value.expected, caught.value.found) == ('"lp"', 'the string "mediation"')


def test_model_needs_a_family_name():
    with pytest.raises(mechlab.InputError) as caught:
        mechlab.Model({"version": 1})
    assert caught.value.pointer == "/model"
    with pytest.raises(TypeError):
        mechlab.lp.solve(42)


def test_time_limit_raises_time_limit_error(examples):
    # --all-sets on the twelve-member alliance takes about 2 s; stopped after 0.1 s.
    with pytest.raises(mechlab.TimeLimitError) as caught:
        mechlab.alliance.solve(examples / "alliance/twelve-members.json", all_sets=True,
                               time_limit=0.1)
    assert "time limit of 0.1 s reached" in str(caught.value)
    assert isinstance(caught.value, TimeoutError)


def test_time_limit_stops_reproduce():
    # All claims take several seconds (7.6 s on the 2-core build machine).
    with pytest.raises(mechlab.TimeLimitError, match="time limit of 0.2 s reached"):
        mechlab.reproduce(time_limit=0.2)


def test_bad_option_value_is_an_input_error_at_the_option(cli, examples):
    path = examples / "alliance/section-5-1.json"
    run = subprocess.run([str(cli), "--quiet", "alliance", "invest", str(path), "--cost", "-1/10"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    frame = "mechlab: invalid input: "  # no file name: the option is at fault, not the model
    assert run.stderr.startswith(frame)
    with pytest.raises(mechlab.InputError) as caught:
        mechlab.alliance.invest(path, cost=Fraction(-1, 10))
    assert str(caught.value) == run.stderr[len(frame):].rstrip("\n")
    assert (caught.value.pointer, caught.value.found) == ("--cost", "-1/10")


def test_reproduce_one_claim():
    result = mechlab.reproduce("001/vector-a")
    assert len(result) == 1
    claim = result[0]
    assert (claim["id"], claim["status"]) == ("001/vector-a", "reproduced")
    assert "Pr(G) = 41/176" in claim["evidence"]
    assert result.exit_code == 0


def test_reproduce_unknown_claim_is_an_input_error():
    with pytest.raises(mechlab.InputError):
        mechlab.reproduce("999/none")


def test_verbs_run_concurrently_on_threads(examples):
    """Two threads run verbs on in-memory models at once (the GIL is released inside run());
    each gets its own model and its own output, not the other's."""
    mediation = mechlab.Model(json.loads((examples / VECTOR_A).read_text()))
    lp = mechlab.Model(json.loads((examples / "lp/chvatal.json").read_text()))
    results: dict[str, list] = {"mediation": [], "lp": []}
    errors: list[BaseException] = []

    def work(name, model, field):
        try:
            for _ in range(25):
                results[name].append(getattr(model.solve(), field))
        except BaseException as e:  # reported by the main thread
            errors.append(e)

    threads = [threading.Thread(target=work, args=("mediation", mediation, "probability")),
               threading.Thread(target=work, args=("lp", lp, "objective"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert results["mediation"] == [Fraction(41, 176)] * 25
    assert results["lp"] == [13] * 25
