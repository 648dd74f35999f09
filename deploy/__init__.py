"""Deployment helpers (the warm-up run by `make run` and the systemd unit)."""
