"""Report machinery: LaTeX documents, their PDF build, and what goes into them."""
