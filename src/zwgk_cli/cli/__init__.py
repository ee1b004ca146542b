"""The command line: the only place that imports typer and rich."""


def main() -> None:
    """Console-script entry point.

    The whole command runs inside `paused_gc` (core/gc_pause.py, the one way the cyclic garbage
    collector is held off; the stages pause it the same way for other callers), imports included.
    Resumed after the work, the collector would walk every object of a province's catalogue once
    per generation, 1.5 to 2 seconds each, while the report is printed; `run` ends the process
    without resuming it.
    """
    from zwgk_cli.core.gc_pause import paused_gc

    with paused_gc():
        from zwgk_cli.cli.app import run

        run()
