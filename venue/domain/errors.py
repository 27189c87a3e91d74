"""Refusals the domain can give, each with a stable, documented code."""

from __future__ import annotations


class DomainError(Exception):
    """A request the venue refuses; `code` is part of the public protocol."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
