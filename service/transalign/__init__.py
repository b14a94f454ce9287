"""transalign: align a transcript with its translation and flag where they diverge."""

__version__ = "0.1.0"
