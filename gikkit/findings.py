"""A finding: one thing a reader or a check noticed, in a form a person can act on."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass
class Finding:
    """One finding. ``refs`` are spec cell refs; messages come in Chinese and English."""

    code: str
    severity: str
    refs: list[str]
    expected: object
    found: object
    message_zh: str
    message_en: str
    rule: str = ""  # one-line explanation of the rule, for a student
    source: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        return f"{self.message_zh} / {self.message_en}"

    def to_dict(self) -> dict:
        d = asdict(self)
        d["message"] = self.message
        if not d["extra"]:
            d.pop("extra")
        return d
