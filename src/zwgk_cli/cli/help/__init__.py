"""Help pages and usage errors in Chinese (or English with ``--lang en`` / ZWGK_LANG).

Why a package of its own: since 0.26 typer ships its own copy of click, and that copy has no
gettext hooks: "Usage:", "Show this message and exit.", "No such option" … are English literals,
and typer's rich help prints a type (``<bool>``, ``<path>``) beside every parameter. So zwgk's
commands are typer subclasses (`commands.ZwgkGroup`, `commands.ZwgkCommand`, passed as ``cls=``)
that draw the help page themselves (`page`, wrapping Chinese as Chinese is set: `wrap`) from what
each parameter declares (`text`), and word click's usage errors by their exception class
(`errors`). Nothing of typer is patched; only `errors` and `commands` import from ``typer._click``
(typer's vendored click) at run time, and the version range in pyproject.toml is the one they were
written against (tests/test_help.py guards them).
"""
