"""The command line: the only place that imports typer and rich."""


def main() -> None:
    """Console-script entry point.

    The cyclic garbage collector is held off by the commands' work itself (see
    `zwgk_cli.core.gc_pause`), for the command line and for any other caller alike.
    """
    from zwgk_cli.cli.app import run

    run()
