"""Page families, one module each: a function that returns its pages {docs-relative path: Markdown}."""
