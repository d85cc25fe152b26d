"""The researcher's coding workbench, its core: code book, passages, memos, attributes,
retrieval, coder comparison and the REFI-QDA code book (.qdc).

One idea per module:
  codebook     codes as a tree: add, rename, merge, move, delete (saying what happens to coding)
  passages     coding characters within a turn, removing a coding, undo of the last change
  memos        dated notes by their author on a project, session, code, participant or passage
  attributes   typed participant attributes (text, number, date, choice) and filtering by them
  retrieval    coded passages in context, text search with stems, co-occurrence, code x case
  comparing    Cohen's kappa and Krippendorff's alpha per code, and where coders differ
  qdc          REFI-QDA code book import and export, checked against the schema

Codes are the table themes.codes already writes (migration 0005, extended by 0008): themes
saved as codes land in the same code book.
"""
