"""Allow ``python -m geo``."""

from .cli import main

main()
