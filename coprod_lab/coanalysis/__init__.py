"""Co-analysis: people with lived experience analyse transcripts as equal partners.

One idea per module:
  opening      which sessions are open for co-analysis (the researcher opens and closes them)
  invitations  co-analysts with personal links, as voting ballots are; erasing a co-analyst
  turns        the turns a co-analyst may see: consented speakers only, made-up names, and the
               map from characters shown back to characters stored
  work         what a co-analyst does to a turn: codes, words that matter with why, marks,
               suggested codes; progress and where they stopped
  together     the comparison: who applied each code, turns read differently first, agreement,
               suggested codes the group can take into the code book
  findings     "what the co-analysts found", for the HTML report and the notebook

Codes, selections and "why this matters" notes are written by the coding core
(coprod_lab.coding.passages and .memos) with the co-analyst's name as coder, so the code book,
coder comparison and the REFI-QDA export carry them with no extra step.
"""
