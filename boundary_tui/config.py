"""The organisation's configuration as the core sees it: contacts and settings.

The walk and the renderers take an Organisation; they never read files.
Without any configuration every role keeps its generic title and every
setting its registry default, which is the most protective reading the
source policies share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from boundary_tui.model import Contact, Registry


@dataclass(frozen=True)
class RoleContact:
    """A role as the organisation fills it in: its own title, a person, how to reach them."""

    title: str | None = None
    name: str | None = None
    contact: str | None = None
    deputy: str | None = None


@dataclass(frozen=True)
class Organisation:
    """Everything an organisation can set. The defaults are an unconfigured PC."""

    name: str = ""
    contacts: dict[str, RoleContact] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)
    tree_dirs: tuple[Path, ...] = ()
    hidden_topics: tuple[str, ...] = ()
    idle_minutes: float = 5.0

    def contact_for(self, role: str, registry: Registry) -> Contact:
        """Who a role is here: the configured person, or the generic title."""
        generic = registry.roles[role].title if role in registry.roles else role.replace("_", " ")
        configured = self.contacts.get(role, RoleContact())
        return Contact(
            role=role,
            title=configured.title or generic,
            name=configured.name,
            contact=configured.contact,
            deputy=configured.deputy,
        )

    def setting_value(self, key: str, registry: Registry) -> str:
        """The organisation's value for a setting, or the registry default."""
        if key in self.settings:
            return self.settings[key]
        return registry.settings[key].default
