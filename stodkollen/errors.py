"""A small error hierarchy. Messages are Swedish: the CLI and the app show them as they are."""


class StodkollenError(Exception):
    """Base for errors a user can act on; str(error) is a readable Swedish message."""


class UserInputError(StodkollenError):
    """A question, file or URL the user gave cannot be used."""


class SourceSkipped(StodkollenError):
    """One source could not be ingested; the reason names the source."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(StodkollenError):
    """The vector store is unreachable, corrupt or foreign."""


class StoreUnavailable(StoreError):
    """The Chroma server cannot be reached or does not answer in time (nothing is corrupt)."""


class ModelError(StodkollenError):
    """The embedding model cannot be provisioned or loaded."""
