"""Reading the sources: files, their text, frontmatter, the Markdown outline and sections, parsed into documents. Imports only core."""
