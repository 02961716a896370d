"""The shared kit every document type builds on: Thai text, figures and place lines, chart style,
HTML sections and base templates, findings, errors, paths and the domain data in `toolkit/knowledge/`.

Nothing here knows a document type; import-linter keeps it that way (see pyproject.toml).
"""
