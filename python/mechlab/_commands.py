"""The CLI's command tree as Python functions.

Every family verb of the ``mechlab`` command line (``mechlab alliance solve
FILE --all-sets``) is a Python function (``mechlab.alliance.solve(model,
all_sets=True)``) and a method of the family's models.  The tree comes from the
compiled module, so the two interfaces cannot drift apart; the verb runs in
this process and returns its ``--json`` output as a Result.
"""

from __future__ import annotations

import json
import os
import sys
import types
from typing import Any, Callable

from . import _core, _values
from .errors import InputError, InternalError, TimeLimitError
from .model import Model, Result

# Options every verb accepts, as keyword arguments.
_GLOBAL = {
    "time_limit": "--time-limit",  # seconds; raises TimeLimitError
    "seed": "--seed",
    "memory_limit": "--memory-limit",
}

_tree: dict[str, dict] | None = None


def tree() -> dict[str, dict]:
    """{family: {"description": ..., "verbs": {verb: {...}}}} from the compiled CLI."""
    global _tree
    if _tree is None:
        _tree = {}
        for family in _core.commands():
            verbs = {v["name"]: v for v in family["verbs"]}
            _tree[family["name"]] = {"description": family["description"], "verbs": verbs,
                                     "command": family["command"]}
    return _tree


def verb_names(family: str) -> list[str]:
    return [v.replace("-", "_") for v in tree().get(family, {}).get("verbs", {})]


def _raise(error: dict, file: str | None) -> None:
    kind = error.get("kind")
    message = error.get("message", "")
    if kind == "input":
        raise InputError(message, pointer=error.get("pointer", ""),
                         expected=error.get("expected", ""), found=error.get("found", ""),
                         file=file)
    if kind == "time_limit":
        raise TimeLimitError(message)
    raise InternalError(message)


def run(args: list[str], *, model: Model | None = None, file: str | None = None) -> Result:
    """Runs ``mechlab --json --quiet ARGS`` in this process and returns its JSON.

    With ``model``, the file name ``file`` among ARGS reads that model instead of
    the disk (a model built or edited in Python).
    """
    command = ["--json", "--quiet", *args]
    if model is not None:
        code, out, error = _core.run(command, json.dumps(model.to_dict()), file)
    else:
        code, out, error = _core.run(command)
    if error:
        _raise(error, model.path if model is not None else file)
    if code != 0 and not out:
        raise InternalError(f"`mechlab {' '.join(args)}` exited with code {code}")
    return Result(json.loads(out) if out.strip() else {}, args, exit_code=code)


def _option_args(spec: dict, options: dict[str, Any]) -> list[str]:
    known = {o["name"].lstrip("-").replace("-", "_"): o for o in spec["options"]}
    front: list[str] = []
    args: list[str] = []
    for key, value in options.items():
        if value is None or value is False:
            continue
        if key == "floating":
            front.append("--float")
        elif key in _GLOBAL:
            front += [_GLOBAL[key], _values.option_text(value)]
        elif key in known:
            opt = known[key]
            if opt["flag"]:
                args.append(opt["name"])
            elif opt["multiple"] and isinstance(value, (list, tuple)):
                for item in value:
                    args += [opt["name"], _values.option_text(item)]
            else:
                args += [opt["name"], _values.option_text(value)]
        else:
            names = sorted(known) + sorted(_GLOBAL) + ["floating"]
            raise TypeError(f"`{spec['family']} {spec['name']}` has no option {key!r}; "
                            f"it takes {', '.join(names)}")
    return front + [spec["family"]] + ([spec["name"]] if spec["name"] else []), args


def _call(spec: dict, model: Any, positionals: list[Any], options: dict[str, Any]) -> Result:
    front, args = _option_args(spec, options)
    rest = [_values.option_text(p) for p in positionals] + args
    if not spec["takes_model"]:
        return run(front + rest)
    if isinstance(model, (str, os.PathLike)):
        return run(front + [os.fspath(model)] + rest, file=os.fspath(model))
    if isinstance(model, dict):
        model = Model(model)
    if not isinstance(model, Model):
        raise TypeError("a model is a mechlab.Model, a dict or a file path")
    # A model of another family is the verb's reader's to reject (at /model), as on the CLI.
    name = model.path or "model.json"
    return run(front + [name] + rest, model=model, file=name)


def make_verb(family: str, name: str, info: dict) -> Callable[..., Result]:
    """The function for `mechlab FAMILY NAME` (NAME "" for a verb-less command)."""
    spec = {"family": family, "name": name, "options": info["options"],
            "takes_model": info["takes_model"]}

    def verb(*positionals: Any, **options: Any) -> Result:
        model = None
        if spec["takes_model"]:
            if not positionals:
                raise TypeError(f"{family}.{name}() needs the model (a Model, dict or path)")
            model, *positionals = positionals
        return _call(spec, model, list(positionals), options)

    opts = "\n".join(f"    {o['name'].lstrip('-').replace('-', '_')}: {o['description']}"
                     for o in info["options"])
    verb.__name__ = (name or family).replace("-", "_")
    verb.__qualname__ = f"{family}.{verb.__name__}" if name else verb.__name__
    verb.__doc__ = (f"`mechlab {family} {name}`".replace(" `", "`") + f": {info['description']}\n\n"
                    + (f"Options (keyword arguments):\n{opts}\n" if opts else "")
                    + "Also: time_limit (seconds), seed, floating=True (double precision).\n"
                    + "Returns a mechlab.Result.")
    return verb


def verb(family: str, name: str) -> Callable[..., Result] | None:
    info = tree().get(family, {}).get("verbs", {})
    for verb_name, v in info.items():
        if verb_name.replace("-", "_") == name:
            return make_verb(family, verb_name, v)
    return None


def install_families(package: str) -> list[str]:
    """Creates the modules mechlab.<family> with one function per verb, and one
    function mechlab.<command> per verb-less command (reproduce, sweep)."""
    names = []
    for family, info in tree().items():
        if info["command"] is not None:
            if family != "version":  # mechlab.version() is the package's own
                command = make_verb(family, "", info["command"])
                setattr(sys.modules[package], family.replace("-", "_"), command)
            continue
        module = types.ModuleType(f"{package}.{family}", info["description"])
        for verb_name, v in info["verbs"].items():
            setattr(module, verb_name.replace("-", "_"), make_verb(family, verb_name, v))
        sys.modules[module.__name__] = module
        setattr(sys.modules[package], family, module)
        names.append(family)
    return names
