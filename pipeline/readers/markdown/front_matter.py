"""Front matter of a Markdown file: YAML between ``---`` lines or TOML between ``+++``.

Front matter is read with PyYAML's safe loader after bounds on size, nesting
depth and alias expansion (a "billion laughs" document is refused, exit 3).
The fields that become text or a language are checked to be one
(:func:`_check_front_matter`).
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.errors import InputError
from pipeline.schema import lang_tag_is_valid

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
# Hugo's TOML front matter (https://gohugo.io/content-management/front-matter/).
_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\n(.*?)\n\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)
MAX_FRONT_MATTER = 64_000  # bytes
MAX_YAML_DEPTH = 32
MAX_YAML_NODES = 10_000  # after alias expansion


def _check_yaml_bounds(block: str, where: str) -> None:
    """Refuse YAML that is too big, too deep or expands too far through aliases."""
    import yaml

    if len(block.encode("utf-8")) > MAX_FRONT_MATTER:
        raise InputError(f"{where}: front matter is over {MAX_FRONT_MATTER:,} bytes; shorten it")
    depth = 0
    for event in yaml.parse(block, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise InputError(f"{where}: front matter nests deeper than {MAX_YAML_DEPTH} levels")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    node = yaml.compose(block, Loader=yaml.SafeLoader)
    if node is not None and _expanded_size(node, {}, set()) > MAX_YAML_NODES:
        raise InputError(
            f"{where}: front matter expands to over {MAX_YAML_NODES:,} values through YAML "
            "aliases (a 'billion laughs' document); remove the anchors and aliases"
        )


def _expanded_size(node: Any, memo: dict[int, int], active: set[int]) -> int:
    """Node count once aliases are expanded (shared nodes counted per use), capped."""
    key = id(node)
    if key in memo:
        return memo[key]
    if key in active:  # a recursive alias expands forever
        return MAX_YAML_NODES + 1
    active.add(key)
    total = 1
    value = node.value if isinstance(node.value, list) else []
    for item in value:
        for child in item if isinstance(item, tuple) else (item,):
            total += _expanded_size(child, memo, active)
            if total > MAX_YAML_NODES:
                break
    active.discard(key)
    memo[key] = total
    return total


def parse_toml_front_matter(block: str, where: str) -> dict[str, Any]:
    """TOML front matter (``+++``) -> dict (dates as ISO strings); InputError naming ``where``."""
    import tomllib

    if len(block.encode("utf-8")) > MAX_FRONT_MATTER:
        raise InputError(f"{where}: front matter is over {MAX_FRONT_MATTER:,} bytes; shorten it")
    try:
        data = tomllib.loads(block)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{where}: front matter is not valid TOML ({exc})") from None
    return {str(k): (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


def _front_matter(body: str, where: str) -> tuple[dict[str, Any], str]:
    """(front matter, the body after it): YAML between ``---`` lines or TOML between ``+++``."""
    m = _FRONT_MATTER.match(body)
    if m:
        return parse_front_matter(m.group(1), where), body[m.end() :]
    m = _TOML_FRONT_MATTER.match(body)
    if m:
        return parse_toml_front_matter(m.group(1), where), body[m.end() :]
    return {}, body


def _key_loader() -> Any:
    """A safe YAML loader whose plain mapping keys are the text as written.

    YAML 1.1 (PyYAML) reads a plain ``1``, ``yes``, ``on``, ``null``, ``1.0`` key as a
    number, a boolean or null: ``yes:`` and ``on:`` became one key ``True`` (the later
    value won, unsaid), ``1:`` and ``1.0:`` one key, and the writer wrote ``True:``.
    Values are read as before.
    """
    import yaml

    class KeyLoader(yaml.SafeLoader):
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            if isinstance(node, yaml.MappingNode):
                self.flatten_mapping(node)
                for i, (key, value) in enumerate(node.value):
                    plain = isinstance(key, yaml.ScalarNode) and key.style is None
                    if plain and key.tag != "tag:yaml.org,2002:str" and key.value != "<<":
                        implicit = self.resolve(yaml.ScalarNode, key.value, (True, False))
                        if implicit == key.tag:  # resolved from its text, not tagged
                            text = yaml.ScalarNode("tag:yaml.org,2002:str", key.value)
                            node.value[i] = (text, value)
            return super().construct_mapping(node, deep=deep)

    return KeyLoader


def parse_front_matter(block: str, where: str) -> dict[str, Any]:
    """YAML front matter -> dict (dates as ISO strings, keys as written); InputError
    naming ``where``."""
    import yaml

    try:
        _check_yaml_bounds(block, where)
        data = yaml.load(block, Loader=_key_loader()) or {}  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or "syntax error"
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 2}" if mark is not None else ""
        raise InputError(f"{where}: front matter is not valid YAML ({problem}{at})") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"{where}: front matter cannot be read ({exc})") from None
    if not isinstance(data, dict):
        raise InputError(f"{where}: front matter must be a mapping of keys to values")
    return {str(k): (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


def _check_front_matter(meta: dict[str, Any], where: str) -> None:
    """Front-matter fields that become text or a language must be one.

    A list title reached the model as Python's ``['a', 'b']``; a ``lang`` that is no
    language tag became the article's source language and a document mtpipe cannot
    read back. Raises :class:`InputError` naming the file and the field.
    """
    title = meta.get("title")
    if title is not None and (isinstance(title, bool) or not isinstance(title, (str, int, float))):
        raise InputError(
            f"{where}: front matter title must be text, got {type(title).__name__} "
            f'({title!r}); put it in quotes: title: "..."'
        )
    category = meta.get("category")
    names = category if isinstance(category, list) else [category]
    if category is not None and not all(isinstance(n, str) for n in names):
        raise InputError(f"{where}: front matter category must be a name or a list of names")
    for key in ("lang", "language"):
        value = meta.get(key)
        if value is not None and not (isinstance(value, str) and lang_tag_is_valid(value)):
            raise InputError(
                f"{where}: front matter {key} {value!r} is not a BCP 47 language tag "
                "(such as it, en or pt-BR)"
            )
