"""Generator for the workers' legal help portal: guides_src/ YAML → docs/ Markdown → site/."""
