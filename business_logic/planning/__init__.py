"""Objectives, year-end projection and the what-if simulator (docs/objectifs.md,
docs/simulateur.md). Pure: frames and dates in, dataclasses out."""
