"""Evaluation of sayso against gold data."""
