"""The code's floors (shared/DESIGN.md): every import of every module runs down the floors, never
up, and no modules import each other in a circle. Inside `grants` the floors follow the business:
calls → applications → review, payments → awards → decisions (decide → award → pay)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("config", "youthcities", "grants", "campaigns", "cms", "hub", "training", "demo")

# Lowest first. A module may import its own floor and any floor below it.
FLOORS = [
    "youthcities",  # the ground: accounts, audit, errors, money, lifecycle, notify, blocks…
    "youthcities.network",
    "grants.base",  # grants' errors and role check
    "grants.calls",
    "grants.applications",
    "grants.review",
    "grants.payments",
    "grants.awards",
    "grants.conversations",  # application and award conversations, the reviewers' discussion
    "grants.decisions",
    "grants",  # models for Django, urls, admin urls, hooks, template tags, commands
    "campaigns",
    "cms",
    "hub",  # the Online Hub: members, their documents; it combines what cms shows
    "training",  # training modules beside the hub: lessons, quiz, certificates
    "demo",
    "config",
]
GRANTS_BASE = {"grants.errors", "grants.permissions"}
GRANTS_FLOORS = (
    "calls",
    "applications",
    "review",
    "payments",
    "awards",
    "conversations",
    "decisions",
)


def floor_of(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "grants":
        if module in GRANTS_BASE:
            return "grants.base"
        if len(parts) > 1 and parts[1] in GRANTS_FLOORS:
            return f"grants.{parts[1]}"
        if len(parts) > 1 and parts[1] == "demo":
            return "demo"
        return "grants"
    if parts[0] == "youthcities":
        return "youthcities.network" if parts[1:2] == ["network"] else "youthcities"
    return parts[0]


def modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            relative = path.relative_to(ROOT).with_suffix("")
            name = ".".join(relative.parts).removesuffix(".__init__")
            yield name, path


def imports_of(name: str, path: Path) -> set[str]:
    """Every project module `name` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # `from grants.payments import gateway` imports the module grants.payments.gateway
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m.split(".")[0] in PACKAGES}


@pytest.fixture(scope="module")
def graph():
    known = dict(modules())
    return {
        name: {m for m in imports_of(name, path) if m in known and m != name}
        for name, path in known.items()
    }


def test_every_import_runs_down_the_floors(graph):
    rank = {floor: i for i, floor in enumerate(FLOORS)}
    upward = [
        f"{source} ({floor_of(source)}) imports {target} ({floor_of(target)})"
        for source, targets in graph.items()
        for target in targets
        if rank[floor_of(target)] > rank[floor_of(source)]
    ]
    assert upward == []


def test_nothing_imports_cms_config_or_demo(graph):
    tops = {"cms": {"hub", "demo", "config"}, "demo": {"config"}, "config": set()}
    wrong = [
        f"{source} imports {target}"
        for source, targets in graph.items()
        for target in targets
        if floor_of(target) in tops
        and floor_of(source) != floor_of(target)
        and floor_of(source) not in tops[floor_of(target)]
    ]
    assert wrong == []


def circles(graph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_modules_import_each_other_in_a_circle(graph):
    assert circles(graph) == []


def test_the_checks_catch_an_upward_arrow_and_a_circle():
    # The table is not vacuous: review importing decisions runs up, and a loop is a loop.
    rank = {floor: i for i, floor in enumerate(FLOORS)}
    assert rank[floor_of("grants.decisions.services")] > rank[floor_of("grants.review.services")]
    assert rank[floor_of("grants.awards.services")] > rank[floor_of("grants.payments.ledger")]
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
