"""A domain's content fingerprint: what a reviewer approved, so a later edit shows.

Computed on the domain as published (claimed values completed from the upstream): the header's
published fields and each item's published fields. Layout, comments, ids, claims' bookkeeping
and waivers are not content, so `zwgk fmt` or a renamed id leaves the fingerprint as it was.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from zwgk_cli.core.models import Domain

_NOT_CONTENT = frozenset({"id", "claims", "claimed_hash", "waivers"})
_HEADER = ("domain", "lead", "partners", "partners_etc", "due")


def domain_fingerprint(domain: Domain) -> str:
    """Twelve hex digits of SHA-256 over the domain's published content."""
    data: dict[str, Any] = {key: getattr(domain, key) for key in _HEADER}
    data["items"] = [item.model_dump(mode="json", exclude=set(_NOT_CONTENT)) for item in domain.items]
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
