"""The third face: the handbook for assistants, over the Model Context Protocol (`asyncops mcp`).

`tools.py` answers from the core alone (no MkDocs, no MCP); `server.py` serves those answers
with the official MCP SDK, an optional dependency (`pip install 'mkdocs-asyncops[mcp]'`).
"""
