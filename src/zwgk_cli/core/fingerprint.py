"""A domain's content fingerprint: what a reviewer approved, so a later edit shows.

Computed on the domain as published (claimed values completed from the upstream): the header's
published fields and each item's published fields. Layout, comments, ids, claims' bookkeeping
and waivers are not content, so `zwgk fmt` or a renamed id leaves the fingerprint as it was; fields
left at their default are not written into it, so a later zwgk that adds an optional field does
not change the fingerprint of a domain that does not use it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from zwgk_cli.core.models import NOT_PUBLISHED, Domain

_HEADER = ("domain", "lead", "partners", "partners_etc", "due")


def domain_fingerprint(domain: Domain) -> str:
    """Twelve hex digits of SHA-256 over the domain's published content."""
    header = domain.model_dump(mode="json", include=set(_HEADER), exclude_defaults=True)
    data: dict[str, Any] = {**header, "items": []}
    for item in domain.items:
        data["items"].append(item.model_dump(mode="json", exclude=set(NOT_PUBLISHED), exclude_defaults=True))
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
