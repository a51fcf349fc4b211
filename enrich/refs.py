"""How extraction names an entity before it is stored: type and canonical name (ICS also its ONS code)."""
from dataclasses import dataclass


@dataclass(frozen=True)
class EntityRef:
    type: str
    name: str
    ons_code: str | None = None
