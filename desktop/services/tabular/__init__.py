"""Spreadsheets in and out: member and organisation lists as .xlsx (openpyxl) and .csv.

    sources      reading rows from .xlsx (read-only, streamed) and .csv (UTF-8 or Windows-1258)
    headers      finding the row of column titles below any title rows, and the column mapping
    values       one cell's value as a date, a code-list value, a number written as text, …
    columns      the columns of a member list and of an organisation list: titles, variants, kinds
    workbook     writing a formatted .xlsx table, streamed, renamed into place when complete
    member_import, org_import   all-or-nothing imports with a row-by-row list of problems
    exports      the member and organisation lists of a subtree as .xlsx (they re-import as they are)
    mappings     column mappings the user saved, found again by the file's column titles

Qt-free like every service; the CLI and the import dialog both go through here.
"""
