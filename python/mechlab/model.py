"""Models (a family's JSON document) and results (a verb's JSON output)."""

from __future__ import annotations

import copy
import json
import os
from typing import Any, Mapping

from . import _values


def _split_pointer(pointer: str) -> list[str]:
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"a JSON pointer starts with '/', found {pointer!r}")
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer[1:].split("/")]


def set_pointer(document: Any, pointer: str, value: Any) -> None:
    """Sets ``document[pointer] = value`` (RFC 6901; '-' appends to a list)."""
    parts = _split_pointer(pointer)
    if not parts:
        raise ValueError("cannot replace the whole document through a pointer")
    node = document
    for i, part in enumerate(parts[:-1]):
        try:
            node = node[int(part)] if isinstance(node, list) else node[part]
        except (KeyError, IndexError, ValueError):
            raise KeyError(f"{'/' + '/'.join(parts[:i + 1])}: no such field in the model") from None
    last = parts[-1]
    if isinstance(node, list):
        if last == "-":
            node.append(value)
        else:
            node[int(last)] = value
    elif isinstance(node, dict):
        node[last] = value
    else:
        raise KeyError(f"{pointer}: the parent is not an object or array")


class Result:
    """What a verb computed: attribute or item access on its JSON, exact numbers as Fractions.

    ``to_dict()`` gives plain Python (dicts, lists, Fractions); ``json`` is the
    verb's JSON exactly as the CLI prints it with ``--json``.
    """

    def __init__(self, json_value: Any, command: list[str], exit_code: int = 0):
        self.json = json_value
        self.command = command
        # 0, or 1 when the verb computed a failure it reports with exit code 1
        # (a catalog claim that did not reproduce).
        self.exit_code = exit_code
        self._value = _values.from_json(json_value)

    def to_dict(self) -> Any:
        return _values.to_plain(_values.from_json(self.json, tables=False))

    def __getitem__(self, key: str | int) -> Any:
        return self._value[key]

    def __contains__(self, key: str) -> bool:
        return isinstance(self._value, dict) and key in self._value

    def keys(self):
        if not isinstance(self._value, dict):
            raise TypeError("this result is a list: index it or iterate over it")
        return self._value.keys()

    def __iter__(self):
        return iter(self._value)

    def __len__(self) -> int:
        return len(self._value)

    def __getattr__(self, name: str) -> Any:
        value = self.__dict__.get("_value")
        if isinstance(value, dict):
            if name in value:
                return value[name]
            # JSON keys with spaces or dashes: result.binding_bounds for "binding bounds".
            for key in value:
                if key.replace(" ", "_").replace("-", "_") == name:
                    return value[key]
        raise AttributeError(f"the result has no field {name!r}")

    def __dir__(self):
        value = self.__dict__.get("_value")
        keys = value.keys() if isinstance(value, dict) else []
        return sorted(set(super().__dir__()) | {k.replace(" ", "_").replace("-", "_") for k in keys})

    def __repr__(self) -> str:
        return f"<mechlab.Result of `mechlab {' '.join(self.command)}`: {_summary(self._value)}>"


def _summary(value: Any) -> str:
    if isinstance(value, dict):
        keys = list(value)
        more = ", ..." if len(keys) > 8 else ""
        return "{" + ", ".join(keys[:8]) + more + "}"
    return type(value).__name__


class Model:
    """A model of one family: a JSON document with a ``"model"`` field.

    Build one from a file (``mechlab.load(path)``) or a dict (``mechlab.Model(d)``);
    each verb of the family is a method (``model.solve()``, ``model.audit()``).
    """

    def __init__(self, document: Mapping[str, Any], path: str | None = None):
        if not isinstance(document, Mapping):
            raise TypeError("a model is a dict (a JSON object)")
        self._document = _values.to_json(dict(document))
        self.path = path
        family = self._document.get("model")
        if not isinstance(family, str):
            from .errors import InputError
            raise InputError("/model: expected the model family's name (a string), found "
                             + json.dumps(family), pointer="/model",
                             expected="the model family's name", found=json.dumps(family), file=path)
        self.family = family

    @classmethod
    def from_file(cls, path: str | os.PathLike) -> "Model":
        with open(path, encoding="utf-8") as f:
            text = f.read()
        # The CLI's own reader judges the text (duplicate keys, syntax), so a file
        # is rejected here exactly as `mechlab` would reject it.
        from . import _core
        error = _core.check_json(text)
        if error is not None:
            from .errors import InputError
            raise InputError(error["message"], pointer=error["pointer"],
                             expected=error["expected"], found=error["found"], file=str(path))
        return cls(json.loads(text), str(path))

    def to_dict(self) -> dict:
        return copy.deepcopy(self._document)

    def with_values(self, values: Mapping[str, Any]) -> "Model":
        """A copy with fields replaced by JSON pointer: ``m.with_values({"/eta": Fraction(1, 2)})``."""
        document = copy.deepcopy(self._document)
        for pointer, value in values.items():
            set_pointer(document, pointer, _values.to_json(value))
        return Model(document)

    def save(self, path: str | os.PathLike) -> None:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(self._document, f, indent=2)
            f.write("\n")

    def __getattr__(self, name: str):
        from . import _commands
        family = self.__dict__.get("family")
        verb = _commands.verb(family, name) if family else None
        if verb is None:
            raise AttributeError(f"a {family} model has no verb {name!r}")
        return lambda **options: verb(self, **options)

    def __dir__(self):
        from . import _commands
        return sorted(set(super().__dir__()) | set(_commands.verb_names(self.family)))

    def __repr__(self) -> str:
        where = f" from {self.path}" if self.path else ""
        return f"<mechlab.Model {self.family}{where}>"
