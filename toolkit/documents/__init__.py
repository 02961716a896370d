"""Document types, one package each (analysis, integrity, plan, province), over the shared kit.

`registry` knows them all (by entry point and by name); `base` is what every notebook object shares.
Nothing here imports a document package, so each stays independent of the others (import-linter).
"""
