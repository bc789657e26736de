"""Page families: one module each, with one function returning {docs-relative path: Markdown} for a language."""
