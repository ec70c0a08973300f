"""spaCy components and the pipeline that finds statements in a ``Doc``."""
