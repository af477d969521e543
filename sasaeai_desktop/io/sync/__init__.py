"""Exchange files for sync between replicas (see docs/sync.md)."""
