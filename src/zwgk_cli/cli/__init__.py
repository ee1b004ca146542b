"""The command line: the only place that imports typer and rich."""


def main() -> None:
    """Console-script entry point.

    The cyclic garbage collector is switched off before anything is imported and stays off: nothing
    here builds cycles worth collecting, and the collector would otherwise walk every object
    again and again (the imports alone, about 10 ms; at 100,000 items, seconds).
    """
    import gc

    gc.disable()
    from zwgk_cli.cli.app import run

    run()
