"""Real PDF and Word files for the library's tests, written by ReportLab and python-docx."""

from __future__ import annotations

import io


def pdf_bytes(pages: list[list[str]]) -> bytes:
    """A PDF with one page per list, each line a paragraph, in the reports' Vietnamese font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    from desktop.reports.fonts import register_fonts

    family = register_fonts()
    style = ParagraphStyle("body", fontName=family.regular, fontSize=12, leading=16)
    story: list[object] = []
    for index, lines in enumerate(pages):
        if index:
            story.append(PageBreak())
        story.extend(Paragraph(line, style) for line in lines)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
