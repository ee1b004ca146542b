"""The formatter: key order and flow or block style applied to ruamel.yaml's tree, comments kept.

ruamel.yaml keeps a comment or blank line that *follows* a value attached to that value (the last
value of an entry). Moving an entry therefore moves what follows it. So a mapping is reordered only
when every comment or blank line between two of its keys stays between the same two keys; what
follows the mapping's last entry belongs after the whole mapping and is moved to the new last
entry. Otherwise the mapping keeps its order and an `fmt-order-kept` warning says why. The same
holds for turning a multi-line list into `[a, b]` (and back): only when no comment would be lost or
moved (else `fmt-style-kept`).
"""

from __future__ import annotations

import io
import itertools
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.tokens import CommentToken

from zwgk_cli.core.diagnostics import Diagnostic, Text, say
from zwgk_cli.core.source import FieldPath
from zwgk_cli.sources.fmt.comments import TextLayout, is_comment_line, text_layout, tidy_comment_lines
from zwgk_cli.sources.fmt.layout import Shape, shape_for
from zwgk_cli.sources.fmt.naming import describe, label
from zwgk_cli.sources.fmt.scalars import flow_scalars, plain_where_possible, round_trip_yaml
from zwgk_cli.sources.fmt.tree import (
    BEFORE_ENTRY,
    Gap,
    before_entry,
    flat,
    is_flow,
    new_token,
    set_flow,
    slot_get,
    slot_set,
    split,
    start_line,
    tokens,
    trail,
)


class Formatter:
    """Lays out one file's text; `findings` holds what it left as written, and why."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.shape = shape_for(path)
        self.findings: list[Diagnostic] = []
        self.root: Any = None
        self.lines: list[str] = []
        self.gap_lines: dict[int, int] = {}  # id(token) → 1-based line of the gap it carries

    def run(self, text: str, *, explicit_start: bool) -> tuple[str, TextLayout]:
        """The formatted text, and its comments and blank lines."""
        yaml = round_trip_yaml()
        yaml.explicit_start = explicit_start or None
        self.lines = text.split("\n")
        self.root = root = yaml.load(text)
        if isinstance(root, CommentedMap | CommentedSeq):
            self._apply(root, self.shape, ())
            if is_flow(root):
                root.fa.set_block_style()
        root = plain_where_possible(root)
        flow_scalars(root, in_flow=False)
        if isinstance(root, CommentedMap | CommentedSeq):
            for token in tokens(root):
                token.value = "\n".join(line.rstrip() for line in token.value.split("\n"))
        out = io.StringIO()
        yaml.dump(root, out)
        dumped = out.getvalue().lstrip("\n")
        layout = text_layout(dumped)  # tidying below moves no comment to another line
        return tidy_comment_lines(dumped, layout.comments), layout

    # -- shapes

    def _apply(self, node: Any, shape: Shape, path: FieldPath) -> None:
        """Lay out what is inside `node`: children first, then `node`'s own key order."""
        if isinstance(node, CommentedMap) and shape.kind == "map":
            for key in list(node):
                child = shape.fields.get(str(key))
                if child is not None:
                    self._entry(node, key, child, (*path, str(key)), shape)
            if shape.model is not None:
                self._reorder(node, shape.order, path)
        elif isinstance(node, CommentedSeq) and shape.kind == "seq" and shape.each is not None:
            for index in range(len(node)):
                self._entry(node, index, shape.each, (*path, index), shape)

    def _entry(self, parent: Any, key: Any, shape: Shape, path: FieldPath, parent_shape: Shape) -> None:
        node = parent[key]
        expected = CommentedMap if shape.kind == "map" else CommentedSeq
        if not isinstance(node, expected):
            return  # the wrong type: validate reports it; nothing to lay out
        self._apply(node, shape, path)
        if shape.style is not None and len(node) and is_flow(node) != (shape.style == "flow"):
            self._restyle(parent, key, shape, path, parent_shape)

    # -- key order

    def _reorder(self, node: CommentedMap, order: tuple[str, ...], path: FieldPath) -> None:
        keys = list(node)
        rank = {name: i for i, name in enumerate(order)}
        wanted = [k for _, k in sorted(enumerate(keys), key=lambda p: _rank(rank, p[1], p[0], len(order)))]
        if wanted == keys:
            return
        old_next = dict(itertools.pairwise(keys))
        new_next = dict(itertools.pairwise(wanted))
        old_prev = {b: a for a, b in itertools.pairwise(keys)}
        new_prev = {b: a for a, b in itertools.pairwise(wanted)}
        followers: list[Any] = []  # keys that blank lines before them stay in front of
        for key in keys[:-1]:
            gap = self._gap(node, key)
            if not gap.text or new_next.get(key) == old_next[key]:
                continue
            follower = old_next[key]
            if gap.text.strip() or follower not in new_prev:
                # A comment between two keys that would no longer be neighbours (or blank lines
                # before a key that becomes the first one, where they cannot go).
                self._refuse_order(node, path, wanted, gap.first(), (key, follower))
                return
            followers.append(follower)
        for key in keys:
            # Lines ruamel keeps *before* a key (after a [ ] or { } value): they move with the key.
            leading = before_entry(node, key)
            if not leading or new_prev.get(key) == old_prev.get(key):
                continue
            comments = [t for t in leading if t.value.strip()]
            if comments or key not in new_prev:
                where = self._where((comments or leading)[0])
                self._refuse_order(node, path, wanted, where, (old_prev.get(key), key))
                return
        blanks = [(follower, self._take_gap(node, old_prev[follower])) for follower in followers]
        tail = self._take_gap(node, keys[-1]) if wanted[-1] != keys[-1] else Gap()
        for key in wanted:
            node.move_to_end(key)
        for follower, gap in blanks:
            self._put_gap(node, new_prev[follower], gap)
        self._put_gap(node, wanted[-1], tail)

    def _refuse_order(
        self,
        node: CommentedMap,
        path: FieldPath,
        wanted: list[Any],
        found: tuple[int | None, bool],
        between: tuple[Any, Any],
    ) -> None:
        line, comment = found
        before, after = between
        order = [str(k) for k in wanted]
        message = say(
            "fmt-order-kept",
            where=describe(self.root, path),
            order=Text("、".join(order), ", ".join(order)),  # a list of keys, as each language lists
            line=line,
            what=say("ui.fmt.comment" if comment else "ui.fmt.blank-line"),
            position=(
                say("fmt-order-kept.before", key=after)
                if before is None
                else say("fmt-order-kept.between", before=before, after=after)
            ),
            fix=say("fmt-order-kept.fix-comment" if comment else "fmt-order-kept.fix-blank-line"),
        )
        self.findings.append(Diagnostic("fmt-order-kept", message, file=self.path, line=node.lc.line + 1))

    # -- flow and block style

    def _restyle(self, parent: Any, key: Any, shape: Shape, path: FieldPath, parent_shape: Shape) -> None:
        node = parent[key]
        blocker = self._style_blocker(parent, key)
        if blocker is not None:
            self._refuse_style(parent, key, shape, path, parent_shape, blocker)
            return
        gap = self._take_gap(parent, key)
        if shape.style == "flow":
            set_flow(node)
        else:
            node.fa.set_block_style()
        self._put_gap(parent, key, gap)

    def _style_blocker(self, parent: Any, key: Any) -> CommentToken | None:
        """A comment attached inside the entry that another style would lose or move."""
        slot, ends = trail(parent, key)
        last = slot_get(slot)
        after = {id(t) for end in ends for t in flat(end.ca.end)}  # full lines after the entry
        # The lines *before* the key or list entry stay where they are.
        slots = [part for i, part in enumerate(parent.ca.items.get(key) or ()) if i != BEFORE_ENTRY]
        for token in (*flat(slots), *tokens(parent[key])):
            if id(token) in after or (token is last and not split(token.value)[0].strip()):
                continue  # only full lines after the entry: they are moved along
            return token
        return None

    def _refuse_style(
        self,
        parent: Any,
        key: Any,
        shape: Shape,
        path: FieldPath,
        parent_shape: Shape,
        token: CommentToken,
    ) -> None:
        line, comment = self._where(token)
        at = parent.lc.key(key) if isinstance(parent, CommentedMap) else parent.lc.item(key)
        kind = "list" if shape.kind == "seq" else "map"
        style = "flow" if shape.style == "flow" else "block"
        fix = "fmt-style-kept.fix-comment" if comment else "fmt-style-kept.fix-blank-line"
        message = say(
            f"fmt-style-kept.{style}-{kind}",
            label=label(self.root, path, parent_shape),
            line=line,
            what=say("ui.fmt.comment" if comment else "ui.fmt.blank-line"),
            fix=say(fix),
        )
        self.findings.append(Diagnostic("fmt-style-kept", message, file=self.path, line=at[0] + 1))

    # -- what follows an entry

    def _gap(self, parent: Any, key: Any, *, detach: bool = False) -> Gap:
        """The full lines (comments, blank lines) that follow entry `key`; `detach` removes them."""
        slot, ends = trail(parent, key)
        gap = Gap()
        token = slot_get(slot)
        if token is not None:
            eol, gap.text = split(token.value)
            if gap.text:
                gap.line = self._gap_line(token)
                if detach and eol.strip():
                    token.value = eol
                elif detach:
                    slot_set(slot, None)
        for end in reversed(ends):
            for part in flat(end.ca.end):
                if gap.line is None:
                    gap.line = self.gap_lines.get(id(part))
                    start = start_line(part)
                    if gap.line is None and start is not None:
                        gap.line = start + 1
                gap.text += part.value
            if detach:
                end.ca.end = []
        return gap

    def _take_gap(self, parent: Any, key: Any) -> Gap:
        """Detach the full lines that follow entry `key`."""
        return self._gap(parent, key, detach=True)

    def _put_gap(self, parent: Any, key: Any, gap: Gap) -> None:
        """Attach `gap` after entry `key` (after its deepest last value)."""
        if not gap.text:
            return
        slot = trail(parent, key)[0]
        token = slot_get(slot)
        if token is None:
            token = new_token("\n" + gap.text)
            slot_set(slot, token)
        else:
            eol, old = split(token.value)
            token.value = eol + old + gap.text
        if gap.line is not None:
            self.gap_lines[id(token)] = gap.line

    def _gap_line(self, token: CommentToken) -> int | None:
        """The 1-based line (in the original text) where the full lines carried by `token` begin."""
        known = self.gap_lines.get(id(token))
        if known is not None:
            return known
        start = start_line(token)
        if start is None:
            return None
        eol, _ = split(token.value)
        index = start + 1 if eol.strip() else start
        while (
            index < len(self.lines) and self.lines[index].strip() and not is_comment_line(self.lines[index])
        ):
            index += 1
        return index + 1

    def _where(self, token: CommentToken) -> tuple[int | None, bool]:
        """The 1-based line of the first comment (else blank line) `token` carries; is it a comment."""
        eol, gap = split(token.value)
        if eol.strip():
            start = start_line(token)
            return (None if start is None else start + 1), True
        return Gap(gap, self._gap_line(token)).first()


def _rank(rank: dict[str, int], key: Any, index: int, known: int) -> tuple[int, int]:
    """Sort key: known fields by field order, then unknown keys as they were."""
    name = str(key)
    return (rank[name], 0) if name in rank else (known, index)
