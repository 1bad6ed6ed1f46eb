"""Entry point for `python app.py`: serve the Stödkollen app (same as `stodkollen serve`)."""

from assistant.ui import launch

if __name__ == "__main__":
    launch()
