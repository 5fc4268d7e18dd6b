"""Counts for sciatica.throttle, kept in the database so every app server sees the same ones."""
