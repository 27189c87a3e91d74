"""Serving one venue from several processes over Redis: shared presence, commands carried out
where the people are. `Cluster` is a process's `Ownership` among the others."""

from __future__ import annotations

from venue.cluster.link import Cluster, ClusterUnavailable

__all__ = ["Cluster", "ClusterUnavailable"]
