"""The organisation's configuration: contacts, settings, extra trees, idle reset.

Layers, later wins: built-in defaults -> the site file (whoever runs the
shared PC) -> the user file (a person may add their own line manager) -> an
explicit file (`--config PATH` or BOUNDARY_CHECK_CONFIG). Every effective
value remembers which file it came from, so `boundary-check config` can say.

The site file speaks for the shared PC: a later file may shorten its
idle_minutes but never lengthen it, and may not change any key it names in
`locked` (issue 14: a user file could switch the idle reset off).

A broken or invalid file never stops the tool: each problem becomes one
Problem (file, line, message); a file that cannot be read at all is skipped,
and a bad value is ignored while the rest of its file still counts. The walk
and the renderers take an Organisation; they never read files.
"""

from __future__ import annotations

import os
from pathlib import Path

from boundary_tui.fields import BOOL, ID, IDS, MAP, NUMBER, TEXT, TEXTS, check_fields, did_you_mean
from boundary_tui.marked import YamlMap
from boundary_tui.model import (
    DEFAULT_IDLE_MINUTES,
    DEFAULT_PRACTICE_IDLE_MINUTES,
    Organisation,
    Registry,
    RoleContact,
    SettingKind,
    setting_text,
)
from boundary_tui.problems import Problem, ProblemList

IDLE_MINUTES_MAX = 60.0  # an hour: past that the idle reset protects no one (1.0e+308 would switch it off)
BUILT_IN = "built-in default"
IDLE_KEYS = ("idle_minutes", "practice_idle_minutes")
"""The idle limits: each at most an hour, and a later file may shorten the site file's, never lengthen it."""

CONFIG_FIELDS = {
    "organisation": (TEXT, False),
    "policy": (ID, False),
    "contacts": (MAP, False),
    "settings": (MAP, False),
    "trees": (TEXTS, False),
    "bundled_trees": (BOOL, False),
    "hide_topics": (IDS, False),
    "idle_minutes": (NUMBER, False),
    "practice_idle_minutes": (NUMBER, False),  # practice mode (supervision) has its own, longer, idle limit
    "locked": (IDS, False),  # site file only: keys a user or --config file may not change
    "records": (BOOL, False),  # false (or off): nothing can be saved on this PC, e.g. with one shared login
    "tree_cache": (BOOL, False),  # false: read the trees from their files every time, keep no cache of them
    # `boundary-check serve` (site file only: they speak for the server, not for one account on it)
    "serve_token": (TEXT, False),  # the access token browsers must bring; else a new one each start
    "serve_records": (BOOL, False),  # true: browser tabs may save records (on the server); off by default
}
SITE_ONLY = ("locked", "serve_token", "serve_records")
CONTACT_FIELDS = {
    "title": (TEXT, False),
    "name": (TEXT, False),
    "contact": (TEXT, False),
    "deputy": (TEXT, False),
}


class ConfigLayer:
    """One config file as read: what it sets (already checked for shape) and where each value stands."""

    def __init__(self, label: str, path: Path, found: bool):
        self.label, self.path, self.found = label, path, found
        self.values: dict = {}
        self.marks: dict = {}


class LoadedConfig:
    """The effective organisation, where each value came from, the files looked at, and every problem.

    `places` maps "contacts.dsl" / "settings.KEY" / "hide_topics.TOPIC" to the
    (file, line) of the winning entry, so a problem found later can point at it.
    """

    def __init__(self, organisation, origins, layers, problems, places):
        self.organisation: Organisation = organisation
        self.origins: dict[str, str] = origins
        self.layers: list[ConfigLayer] = layers
        self.problems: list[Problem] = problems
        self.places: dict[str, tuple[str, int | None]] = places


def read_layer(label: str, path: Path, problems: list[Problem]) -> ConfigLayer:
    """Read one config file; a missing file is simply not there, a broken one is a problem."""
    # Anything at the path is read: a folder, FIFO or device there is a problem naming it, not "not found".
    layer = ConfigLayer(label, path, os.path.lexists(path))
    if not layer.found:
        return layer
    from boundary_tui.yamlread import read_file  # only when a config file is there: most PCs have none

    read = read_file(path, str(path))
    file_problems = ProblemList(str(path))
    problems.extend(read.problems)
    if read.failed:
        problems.append(Problem(str(path), None, None, "skipped", "this config file was skipped; fix it and run again"))
        return layer
    if read.value is None:
        return layer  # an empty file sets nothing
    doc = read.value
    if isinstance(doc, YamlMap):
        # A section whose entries are all commented out (as in the template) sets nothing.
        for key in [k for k, v in doc.items() if v is None]:
            del doc[key]
    good = check_fields(doc, CONFIG_FIELDS, file_problems, "the config", (1, 1))
    for key, value in good.items():
        layer.values[key] = value
        layer.marks[key] = doc.value_marks.get(key)
    for idle_key in IDLE_KEYS:
        if idle_key not in layer.values:
            continue
        minutes = layer.values[idle_key]
        if not minutes > 0:  # also catches .nan
            file_problems.add("bad-value", f"'{idle_key}' should be more than 0", layer.marks[idle_key])
            del layer.values[idle_key]
        elif minutes > IDLE_MINUTES_MAX:
            file_problems.add(
                "bad-value",
                f"'{idle_key}' is at most {IDLE_MINUTES_MAX:g} (an hour), so the walk is always cleared; ignored",
                layer.marks[idle_key],
            )
            del layer.values[idle_key]
    for key in [k for k in SITE_ONLY if k != "locked" and k in layer.values]:
        if label != "site":
            file_problems.add("bad-value", f"only the site file can set {key!r}; ignored", layer.marks[key])
            del layer.values[key]
    for key in layer.values.get("locked", ()):
        if label != "site":
            file_problems.add(
                "bad-value", "only the site file can lock values; 'locked' ignored", layer.marks["locked"]
            )
            del layer.values["locked"]
            break
        if key not in CONFIG_FIELDS or key == "locked":
            keys = ", ".join(k for k in CONFIG_FIELDS if k != "locked")
            file_problems.add(
                "bad-value",
                f"'locked' names {key!r}, which is not a config key{did_you_mean(key, CONFIG_FIELDS)}; keys: {keys}",
                layer.marks["locked"],
            )
    problems.extend(file_problems)
    return layer


def load_config(explicit: Path | None, site: Path, user: Path) -> LoadedConfig:
    """Read the layers and merge them, checking shape (not yet roles or settings: see check_against)."""
    problems: list[Problem] = []
    layers = [read_layer("site", site, problems), read_layer("user", user, problems)]
    if explicit is not None:
        if not os.path.lexists(explicit):
            problems.append(Problem(str(explicit), None, None, "not-found", "config file not found"))
        layers.append(read_layer("explicit", explicit, problems))

    origins: dict[str, str] = {
        "organisation": BUILT_IN,
        "idle_minutes": BUILT_IN,
        "practice_idle_minutes": BUILT_IN,
        "bundled_trees": BUILT_IN,
        "records": BUILT_IN,
        "tree_cache": BUILT_IN,
        "serve_records": BUILT_IN,
    }
    places: dict[str, tuple[str, int | None]] = {}

    def place(key: str, where: str, mark) -> None:
        places[key] = (where, mark[0] if mark else None)

    name, bundled, policy, records, tree_cache = "", True, None, True, True
    serve_token, serve_records = None, False
    idle = {"idle_minutes": DEFAULT_IDLE_MINUTES, "practice_idle_minutes": DEFAULT_PRACTICE_IDLE_MINUTES}
    locked: dict[str, str] = {}  # key -> the site file that locked it
    site_idle: dict[str, float] = {}
    contacts: dict[str, dict] = {}
    settings: dict[str, str] = {}
    tree_dirs: list[Path] = []
    hidden: list[str] = []
    for layer in layers:
        where = str(layer.path)
        values = layer.values
        layer_problems = ProblemList(where)
        # The site file speaks for the PC: what it locks, a later file may not change; and a later
        # file may shorten its idle reset, never lengthen it (that would weaken it for everyone).
        for key in [k for k in values if k in locked]:
            layer_problems.add(
                "locked", f"{key!r} is locked by the site file ({locked[key]}); ignored", layer.marks.get(key)
            )
            del values[key]
        for key in IDLE_KEYS:
            if key in values and key in site_idle and float(values[key]) > site_idle[key]:
                layer_problems.add(
                    "locked",
                    f"'{key}' {values[key]:g} is longer than the site file's {site_idle[key]:g}; "
                    "a user file may only shorten it; ignored",
                    layer.marks.get(key),
                )
                del values[key]
        if layer.label == "site":
            locked = dict.fromkeys(values.get("locked", ()), where)
            site_idle = {key: float(values[key]) for key in IDLE_KEYS if key in values}
        if "organisation" in values:
            name, origins["organisation"] = values["organisation"].strip(), where
        if "policy" in values:
            policy, origins["policy"] = values["policy"], where
            place("policy", where, layer.marks.get("policy"))
        for key in IDLE_KEYS:
            if key in values:
                idle[key], origins[key] = float(values[key]), where
        if "bundled_trees" in values:
            bundled, origins["bundled_trees"] = values["bundled_trees"], where
        if "records" in values:
            records, origins["records"] = values["records"], where
        if "tree_cache" in values:
            tree_cache, origins["tree_cache"] = values["tree_cache"], where
        if "serve_token" in values:
            serve_token, origins["serve_token"] = values["serve_token"].strip(), where
        if "serve_records" in values:
            serve_records, origins["serve_records"] = values["serve_records"], where
        for role, body in (values.get("contacts") or {}).items():
            fields = check_fields(
                body, CONTACT_FIELDS, layer_problems, f"contact {role!r}", values["contacts"].key_marks.get(role)
            )
            place(f"contacts.{role}", where, values["contacts"].key_marks.get(role))
            for key, value in fields.items():
                contacts.setdefault(role, {})[key] = value.strip()
                origins[f"contacts.{role}.{key}"] = where
        for key, raw in (values.get("settings") or {}).items():
            value = setting_text(raw)
            if value is None:
                layer_problems.add(
                    "wrong-type", f"setting {key!r} needs a value", values["settings"].value_marks.get(key)
                )
                continue
            settings[key] = value
            origins[f"settings.{key}"] = where
            place(f"settings.{key}", where, values["settings"].key_marks.get(key))
        for folder in values.get("trees", ()):
            folder_path = Path(folder).expanduser()
            if not folder_path.is_absolute():
                folder_path = layer.path.parent / folder_path  # relative to the config file
            tree_dirs.append(folder_path)
            origins.setdefault("trees", "")
            origins["trees"] = ", ".join(filter(None, [origins["trees"], where]))
        for index, topic in enumerate(values.get("hide_topics", ())):
            place(f"hide_topics.{topic}", where, values["hide_topics"].item_marks[index])
            if topic not in hidden:
                hidden.append(topic)
                origins[f"hide_topics.{topic}"] = where
        problems.extend(layer_problems)
    organisation = Organisation(
        name=name,
        contacts={role: RoleContact(**fields) for role, fields in contacts.items()},
        settings=settings,
        tree_dirs=tuple(tree_dirs),
        hidden_topics=tuple(hidden),
        idle_minutes=idle["idle_minutes"],
        practice_idle_minutes=idle["practice_idle_minutes"],
        bundled_trees=bundled,
        policy=policy,
        records=records,
        tree_cache=tree_cache,
        serve_token=serve_token,
        serve_records=serve_records,
    )
    return LoadedConfig(organisation, origins, layers, problems, places)


def check_against(loaded: LoadedConfig, registry: Registry, topics: set[str]) -> Organisation:
    """Name, and drop, contacts for unknown roles and settings the trees do not declare or offer.

    Done once the trees (and any registries in the organisation's folders) are loaded,
    since an organisation's own trees may add roles and settings.
    """
    organisation = loaded.organisation

    def problem(key: str, code: str, message: str) -> None:
        where, line = loaded.places.get(key, ("config", None))
        loaded.problems.append(Problem(where, line, None, code, message))

    contacts = {}
    for role, contact in organisation.contacts.items():
        if role in registry.roles:
            contacts[role] = contact
        else:
            problem(
                f"contacts.{role}",
                "unknown-role",
                f"unknown role {role!r} in contacts{did_you_mean(role, registry.roles)}; roles: {', '.join(registry.roles)}",
            )
    settings = {}
    for key, value in organisation.settings.items():
        setting = registry.settings.get(key)
        if setting is None:
            problem(
                f"settings.{key}",
                "unknown-setting",
                f"unknown setting {key!r}{did_you_mean(key, registry.settings)}; settings: {', '.join(registry.settings)}",
            )
        elif setting.parse(value) is None:
            problem(
                f"settings.{key}",
                "bad-setting-value",
                f"setting {key!r} is {value!r}, but it takes one of: {', '.join(setting.values)}; using {setting.default!r}",
            )
        else:
            settings[key] = setting.parse(value)
    policy = organisation.policy
    if policy is not None and policy not in registry.policies:
        problem(
            "policy",
            "unknown-policy",
            f"unknown policy {policy!r}{did_you_mean(policy, registry.policies)}; "
            f"policies: {', '.join(registry.policies) or 'none'}; using no policy profile",
        )
        policy = None
    for topic in organisation.hidden_topics:
        if topic not in topics:
            problem(
                f"hide_topics.{topic}",
                "unknown-topic",
                f"hide_topics names unknown topic {topic!r}{did_you_mean(topic, topics)}",
            )
    checked = organisation._replace(contacts=contacts, settings=settings, policy=policy)
    loaded.organisation = checked
    return checked


TEMPLATE = """\
# boundary-check organisation settings ({scope} file).
#
# Later files win: built-in defaults, then the site file (for everyone on this
# PC), then the user file, then --config PATH or BOUNDARY_CHECK_CONFIG.
# Check this file with:  boundary-check config --check

# Your organisation's name, shown on outcomes and records.
# organisation: St Mary's School

# The one source policy your organisation follows, if it is one of the five:
# pbr, aop41, rsb, ahps or lccc. It sets every setting below the way that
# policy reads, names people with its own titles ("the Service Director"),
# sends each duty to the person it names, and shows its clauses first.
# Settings and contacts you give below still win over it.
# policy: rsb

# Who staff should tell. For each role: the title as your organisation says
# it, a name, how to reach them, and who to try when they are away. Roles
# you leave out keep their generic title ("your line manager").
# Roles: {roles}
contacts:
#  dsl:
#    title: Designated Safeguarding Lead
#    name: Mrs A. Patel
#    contact: Room 4, extension 214
#    deputy: Mr B. Jones (Deputy DSL), extension 215
#  line_manager:
#    title: Team Leader
#    name: Sam Okafor
#    contact: extension 230
#  whistleblowing:
#    contact: Confidential line 0800 000 0000

# Where the source policies disagree, your organisation chooses. Each line
# below is the built-in default (the most protective reading).
settings:
{settings}

# Extra folders of trees: your own tree with the same id as a bundled one
# replaces it; a new id adds a topic. Relative paths are relative to this file.
# trees:
#   - /srv/boundary-check/trees

# Offer only your own trees (from the folders above), not the bundled ones.
# bundled_trees: false

# Topics not offered on this PC.
# hide_topics: [lifts]

# The checked trees are kept as JSON in the user's cache folder so that the
# app starts quickly (public tree data only, never anything about a walk).
# false: read the tree files every time and keep no cache.
# tree_cache: false

# Minutes without a key press before the app clears the screen and goes back
# to the topic list, so the next person at a shared PC sees nothing (at most 60).
# Set in the site file, a user file may shorten it but never lengthen it.
# idle_minutes: 5

# The same for practice mode (boundary-check scenarios), where a supervisor and
# a member of staff may talk for many minutes over one screen (at most 60).
# practice_idle_minutes: 20

# Turn saving records off on this PC: for a shared login, where "private to
# the user" would mean private to everyone. Lock it in the site file.
# records: off

# Site file only: keys a user file (or --config) may not change at all.
# locked: [idle_minutes, practice_idle_minutes, records]

# Site file only, for `boundary-check serve` (the app in a web browser).
# The access token every browser must bring (at least 16 characters). With
# none, a server on another address than 127.0.0.1 makes a new one at each
# start; set here, it is asked for on 127.0.0.1 too (behind a reverse proxy).
# serve_token: a-long-random-string-from-a-password-generator
# Let browser tabs save records (on the server, under the service's account).
# serve_records: off
"""


def template(registry: Registry, scope: str) -> str:
    """A commented config template listing every role and setting the trees use."""
    import textwrap  # only for config --init

    setting_lines = []
    for key, setting in registry.settings.items():
        # Wrapped: the descriptions run to several hundred characters, too long to read in an editor.
        setting_lines.extend(textwrap.wrap(setting.description, 78, initial_indent="  # ", subsequent_indent="  # "))
        if setting.kind is SettingKind.CHOICE:
            for value, meaning in setting.choices:
                setting_lines.extend(
                    textwrap.wrap(f"{value}: {meaning}", 78, initial_indent="  #   ", subsequent_indent="  #     ")
                )
        else:
            setting_lines.append("  #   true or false")
        setting_lines.append(f"  # {key}: {setting.default}")
        setting_lines.append("")
    return TEMPLATE.format(
        scope=scope, roles=", ".join(registry.roles), settings="\n".join(setting_lines).rstrip() or "  {}"
    )
