"""Exports other tools open: CSV and Excel tables, and REFI-QDA projects (.qdpx) for NVivo,
ATLAS.ti, MAXQDA and QualCoder, which also import back into coprod-lab unchanged."""

from coprod_lab.exports.qdpx import export_qdpx, import_qdpx, qdpx_problems
from coprod_lab.exports.tables import project_tables, write_csv, write_excel

__all__ = [
    "export_qdpx",
    "import_qdpx",
    "project_tables",
    "qdpx_problems",
    "write_csv",
    "write_excel",
]
