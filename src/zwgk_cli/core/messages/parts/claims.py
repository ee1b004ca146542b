"""Claims from the upstream catalogue (认领) and 公开事项覆盖度."""

MESSAGES: dict[str, tuple[str, str]] = {}
