"""Teaching briefings: a Markdown handout and a printable HTML page, with a picture."""

from graph.briefing.content import Brief, brief_content
from graph.briefing.write import write_briefing

__all__ = ["Brief", "brief_content", "write_briefing"]
