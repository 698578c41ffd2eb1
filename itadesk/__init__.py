"""ITADesk: the ITA workbook of a Thai local office. Importing this package loads no Qt."""

__version__ = "0.1.0"
