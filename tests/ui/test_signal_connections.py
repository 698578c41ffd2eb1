"""Every signal connected to one of our slots passes only arguments the slot means to take.

Why: PySide hands a signal's arguments to a Python slot for as many positional parameters as
the slot accepts. ``triggered(bool)`` connected to ``def save_pdf(self, target=None)`` gives
the bool as ``target``: the preview's save and print buttons crashed that way (issue #9).
Nothing shows it until the button is pressed, so this test reads the source instead.

How, for every ``<sender>.<signal>.connect(<slot>)`` under itadesk/ui (found with ``ast``):

* The signal's argument lists come from Qt's own meta-objects (``staticMetaObject``, the C++
  signatures), for the signals we declare too (PySide gives every subclass a meta-object). When
  the sender's class can be read from the source (``self.x = QAction(...)``,
  ``child(widget, QPushButton, "name")``, ``x = SectionEditor(...)``) only that class's
  signal counts; otherwise every signal of that name in Qt and in itadesk.ui does (e.g.
  ``textChanged`` is ``()`` for QPlainTextEdit and ``(QString)`` for QLineEdit). A signal
  name found nowhere fails the test, so a sender is never silently unchecked.
* Our slots are checked: ``self.method`` (looked up in the enclosing class and its bases in
  itadesk.ui), a function defined in the module or in the enclosing function, and lambdas.
  Qt's own methods (``self.close``, ``dialog.reject``, ``action.setEnabled``) are skipped:
  Qt matches those on their C++ signature.
* Each positional parameter that a signal argument may reach must be required (a default
  marks a value meant for another caller: the bug above) and, in a ``def``, annotated with a
  type matching that argument in at least one of the signal's signatures (``bool`` for bool,
  ``int``, ``str`` for QString, the class for a pointer; ``object``/``Any`` take anything).
  A required parameter that no signature reaches is reported too (it would fail on emit).
  ``*args`` takes anything.

The checker is itself tested on a copy of the code that crashed, so it can fail.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import itadesk.ui

UI_ROOT = Path(itadesk.ui.__file__).parent
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport")

Signature = tuple[str, ...]  # C++ argument types, e.g. ("QTreeWidgetItem*", "int")

# C++ argument type -> Python annotation names that take it; absent: the Qt class itself.
PYTHON_NAMES = {
    "bool": {"bool"},
    "int": {"int"},
    "uint": {"int"},
    "qint64": {"int"},
    "qlonglong": {"int"},
    "double": {"float"},
    "float": {"float"},
    "qreal": {"float"},
    "QString": {"str"},
    "QStringList": {"list"},
}
TAKES_ANYTHING = {"PyObject", "QVariant"}
ANY_ANNOTATION = {"object", "Any"}


@cache
def qt_class(name: str) -> type | None:
    for module_name in QT_MODULES:
        found = getattr(importlib.import_module(f"PySide6.{module_name}"), name, None)
        if isinstance(found, type):
            return found
    return None


def meta_signals(cls: type) -> dict[str, set[Signature]]:
    """A Qt class's signals (inherited ones included) from its C++ meta-object."""
    from PySide6.QtCore import QMetaMethod

    signals: dict[str, set[Signature]] = {}
    meta = getattr(cls, "staticMetaObject", None)
    if meta is None:
        return signals
    for index in range(meta.methodCount()):
        method = meta.method(index)
        if method.methodType() == QMetaMethod.MethodType.Signal:
            types = tuple(bytes(t).decode() for t in method.parameterTypes())
            signals.setdefault(bytes(method.name()).decode(), set()).add(types)
    return signals


@cache
def our_classes() -> dict[str, type]:
    """Every class defined in itadesk.ui, by name."""
    classes: dict[str, type] = {}
    for module_info in pkgutil.walk_packages([str(UI_ROOT)], "itadesk.ui."):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__:
                classes[value.__name__] = value
    return classes


def class_signals(cls: type) -> dict[str, set[Signature]]:
    """The signals of a QObject class, ours included: PySide builds a meta-object for every
    Python subclass with the signals it declares (reading ``Signal.signatures`` instead
    trips a reference-count fault in PySide that aborts the interpreter at exit)."""
    for klass in cls.__mro__:
        if getattr(klass, "staticMetaObject", None) is not None:
            return meta_signals(klass)
    return {}


@cache
def every_signal() -> dict[str, frozenset[Signature]]:
    """All signals by name: Qt's (every class of the modules the app uses) and ours."""
    union: dict[str, set[Signature]] = {}
    classes = [qt_class(name) for module in QT_MODULES for name in dir_of(module)]
    classes += list(our_classes().values())
    for cls in classes:
        if cls is None:
            continue
        signals = class_signals(cls) if cls.__module__.startswith("itadesk.") else meta_signals(cls)
        for name, found in signals.items():
            union.setdefault(name, set()).update(found)
    return {name: frozenset(found) for name, found in union.items()}


def dir_of(module_name: str) -> list[str]:
    module = importlib.import_module(f"PySide6.{module_name}")
    return [name for name in dir(module) if name.startswith("Q")]


def signals_of_class(class_name: str) -> dict[str, set[Signature]] | None:
    ours = our_classes().get(class_name)
    if ours is not None:
        return class_signals(ours)
    qt = qt_class(class_name)
    return meta_signals(qt) if qt is not None else None


# ---------------------------------------------------------------------------- source reading


@dataclass
class Connection:
    where: str
    signal: str
    sender_class: str | None
    slot: ast.FunctionDef | ast.Lambda | None  # None: not ours (a Qt method, a parameter)
    slot_text: str
    is_method: bool


def constructed_class(value: ast.expr) -> str | None:
    """``QAction(...)``, ``child(widget, QPushButton, "x")`` -> the class name."""
    if not isinstance(value, ast.Call):
        return None
    function = value.func
    name = function.id if isinstance(function, ast.Name) else None
    if name == "child" and len(value.args) >= 2 and isinstance(value.args[1], ast.Name):
        return value.args[1].id
    if name and name[0].isupper():
        return name
    return None


def attribute_classes(cls: ast.ClassDef) -> dict[str, str]:
    """``self.x = QAction(...)`` anywhere in the class -> {"x": "QAction"}."""
    found: dict[str, str] = {}
    for node in ast.walk(cls):
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        for target in targets:
            if (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == "self"
                and value is not None
                and (made := constructed_class(value))
            ):
                found.setdefault(target.attr, made)
    return found


def local_classes(function: ast.AST | None) -> dict[str, str]:
    found: dict[str, str] = {}
    if function is None:
        return found
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and (made := constructed_class(node.value)):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, made)
    return found


def find_method(
    classes: dict[str, ast.ClassDef], cls: ast.ClassDef, name: str
) -> ast.FunctionDef | None:
    for item in cls.body:
        if isinstance(item, ast.FunctionDef) and item.name == name:
            return item
    for base in cls.bases:
        if isinstance(base, ast.Name) and base.id in classes:
            found = find_method(classes, classes[base.id], name)
            if found is not None:
                return found
    return None


def connections_in(
    source: str, where: str, classes: dict[str, ast.ClassDef]
) -> Iterator[Connection]:
    tree = ast.parse(source)

    def visit(node: ast.AST, cls: ast.ClassDef | None, function: ast.AST | None) -> Iterator:
        for child_node in ast.iter_child_nodes(node):
            if isinstance(child_node, ast.ClassDef):
                yield from visit(child_node, child_node, None)
                continue
            inner = function
            if isinstance(child_node, ast.FunctionDef | ast.AsyncFunctionDef) and function is None:
                inner = child_node
            if (
                isinstance(child_node, ast.Call)
                and isinstance(child_node.func, ast.Attribute)
                and child_node.func.attr == "connect"
                and isinstance(child_node.func.value, ast.Attribute)
                and child_node.args
            ):
                yield make_connection(child_node, cls, function)
            yield from visit(child_node, cls, inner)

    def make_connection(
        call: ast.Call, cls: ast.ClassDef | None, function: ast.AST | None
    ) -> Connection:
        signal = call.func.value  # type: ignore[union-attr]
        assert isinstance(signal, ast.Attribute)
        sender = signal.value
        sender_class = constructed_class(sender)
        if isinstance(sender, ast.Attribute) and isinstance(sender.value, ast.Name):
            if sender.value.id == "self" and cls is not None:
                sender_class = attribute_classes(cls).get(sender.attr)
        elif isinstance(sender, ast.Name):
            sender_class = local_classes(function).get(sender.id)
        slot = call.args[0]
        resolved: ast.FunctionDef | ast.Lambda | None = None
        is_method = False
        if isinstance(slot, ast.Lambda):
            resolved = slot
        elif (
            isinstance(slot, ast.Attribute)
            and isinstance(slot.value, ast.Name)
            and slot.value.id == "self"
            and cls is not None
        ):
            resolved = find_method(classes, cls, slot.attr)
            is_method = True
        elif isinstance(slot, ast.Name):
            for scope in (function, tree):
                for item in ast.walk(scope) if scope is not None else ():
                    if isinstance(item, ast.FunctionDef) and item.name == slot.id:
                        resolved = item
                        break
                if resolved is not None:
                    break
        return Connection(
            f"{where}:{call.lineno}",
            signal.attr,
            sender_class,
            resolved,
            ast.unparse(slot),
            is_method,
        )

    yield from visit(tree, None, None)


def annotation_names(annotation: ast.expr | None) -> set[str] | None:
    """``QListWidgetItem | None`` -> {"QListWidgetItem"}; None when not annotated."""
    if annotation is None:
        return None
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        return annotation_names(ast.parse(annotation.value, mode="eval").body)
    names: set[str] = set()
    for node in ast.walk(annotation):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
    return names - {"None", "Optional", "Union"}


def python_names(cpp_type: str) -> set[str] | None:
    """Annotation names that take a C++ argument; None: any annotation does."""
    bare = cpp_type.replace("const ", "").replace("&", "").replace("*", "").strip()
    if bare in TAKES_ANYTHING:
        return None
    return PYTHON_NAMES.get(bare, {bare.split("::")[-1]})


def problems_of(connection: Connection, signatures: frozenset[Signature]) -> list[str]:
    slot = connection.slot
    assert slot is not None
    arguments = slot.args
    positional = [*arguments.posonlyargs, *arguments.args]
    if connection.is_method and positional:
        positional = positional[1:]  # self
    defaults_from = len(positional) - len(arguments.defaults)
    most = max(len(signature) for signature in signatures)
    shown = "; ".join(f"({', '.join(s)})" for s in sorted(signatures))
    found = []
    for index, parameter in enumerate(positional):
        if index >= most:
            if index < defaults_from:
                found.append(
                    f"{parameter.arg} is required but the signal gives at most {most} "
                    f"argument(s): {shown}"
                )
            continue
        if index >= defaults_from:
            found.append(
                f"{parameter.arg} has a default, yet the signal sends an argument there "
                f"({shown}): connect a slot without parameters (or make it required)"
            )
            continue
        if isinstance(slot, ast.Lambda):
            continue  # no annotations possible; a required parameter is taken on purpose
        names = annotation_names(parameter.annotation)
        if names is None:
            found.append(f"{parameter.arg} receives a signal argument ({shown}): annotate it")
            continue
        if names & ANY_ANNOTATION:
            continue
        takers = [python_names(s[index]) for s in signatures if len(s) > index]
        if not any(taker is None or taker & names for taker in takers):
            found.append(
                f"{parameter.arg}: {ast.unparse(parameter.annotation)} does not match the "
                f"signal's argument there ({shown})"
            )
    return found


def check_source(sources: dict[str, str]) -> tuple[list[str], int]:
    """Problems found in ``{where: source}`` and the number of our slots checked."""
    trees = {where: ast.parse(source) for where, source in sources.items()}
    classes = {
        node.name: node
        for tree in trees.values()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    }
    known = every_signal()
    problems: list[str] = []
    checked = 0
    for where, source in sources.items():
        for connection in connections_in(source, where, classes):
            signatures: frozenset[Signature] | None = None
            if connection.sender_class is not None:
                of_class = signals_of_class(connection.sender_class)
                if of_class is not None and connection.signal in of_class:
                    signatures = frozenset(of_class[connection.signal])
            if signatures is None:
                signatures = known.get(connection.signal)
            if signatures is None:
                problems.append(
                    f"{connection.where}: unknown signal {connection.signal!r}: add the "
                    "module of its class to QT_MODULES"
                )
                continue
            if connection.slot is None:
                continue
            checked += 1
            for problem in problems_of(connection, signatures):
                problems.append(
                    f"{connection.where}: {connection.signal} -> {connection.slot_text}: {problem}"
                )
    return problems, checked


def ui_sources() -> dict[str, str]:
    return {
        str(path.relative_to(UI_ROOT.parent.parent)): path.read_text(encoding="utf-8")
        for path in sorted(UI_ROOT.rglob("*.py"))
    }


# ---------------------------------------------------------------------------- the tests


def test_no_slot_receives_a_signal_argument_it_does_not_mean_to_take() -> None:
    sources = ui_sources()
    problems, checked = check_source(sources)
    assert problems == []
    total = sum(source.count(".connect(") for source in sources.values())
    assert total >= 90  # the walker finds the connections...
    assert checked >= 80  # ...and most go to our own slots, which it checks


CRASHED = """
from pathlib import Path
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

class PreviewDialog(QDialog):
    def __init__(self) -> None:
        self.print_action = QAction("พิมพ์…", self)
        self.print_action.triggered.connect(self.print_document)
        self.save_action = QAction("บันทึกเป็น PDF…", self)
        self.save_action.triggered.connect(self.save_pdf)

    def save_pdf(self, target: Path | None = None) -> None: ...
    def print_document(self, printer: QPrinter | None = None) -> None: ...
"""


def test_the_checker_finds_the_preview_crash() -> None:
    problems, checked = check_source({"old_preview.py": CRASHED})
    assert checked == 2
    assert len(problems) == 2
    assert all("has a default" in problem for problem in problems)


def test_the_checker_finds_required_wrong_types_and_missing_annotations() -> None:
    source = """
from PySide6.QtWidgets import QPushButton, QWidget

class Page(QWidget):
    def __init__(self) -> None:
        self.button = QPushButton("x")
        self.button.clicked.connect(self.save)
        self.button.clicked.connect(self.untyped)
        self.button.clicked.connect(self.fine)
        self.button.toggled.connect(self.checked)
        self.button.clicked.connect(lambda: self.fine())
        self.button.clicked.connect(lambda target=None: self.save(target))
        self.button.pressed.connect(self.needs_two)

    def save(self, target: str) -> None: ...
    def untyped(self, value) -> None: ...
    def fine(self) -> None: ...
    def checked(self, on: bool) -> None: ...
    def needs_two(self, a: int) -> None: ...
"""
    problems, checked = check_source({"page.py": source})
    assert checked == 7
    joined = "\n".join(problems)
    assert "target: str does not match" in joined
    assert "value receives a signal argument" in joined
    assert "target has a default" in joined
    assert "a is required but the signal gives at most 0" in joined
    assert len(problems) == 4


def test_the_checker_knows_the_sender_class_when_the_source_says() -> None:
    """textChanged of a QLineEdit sends the text; of a QPlainTextEdit, nothing."""
    source = """
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

class Page(QWidget):
    def __init__(self) -> None:
        self.line = QLineEdit()
        self.box = QPlainTextEdit()
        self.line.textChanged.connect(self.on_text)
        self.box.textChanged.connect(self.on_text)

    def on_text(self, text: str) -> None: ...
"""
    problems, _checked = check_source({"page.py": source})
    assert len(problems) == 1
    assert ":9: textChanged" in problems[0] and "required" in problems[0]
