"""`tailor new`: the text of a new article with a slot for every configured profile."""

from __future__ import annotations

import datetime as dt
import json

from .model import Profiles


def new_article(profiles: Profiles, today: dt.date) -> str:
    """A draft with one example claim: the source profile's phrasing written, every other one a `""` slot."""
    source = profiles.source

    def phrasings(example: str, indent: str) -> str:
        return "".join(f"{indent}{p.id}: {json.dumps(example) if p.id == source else chr(34) * 2}\n" for p in profiles.items)

    return (
        "# A new article. Fill every \"\" slot: `tailor check` lists the ones still to write.\n"
        "# Set a slot to null to leave that claim out for that audience on purpose.\n"
        "question:\n" + phrasings("What question does this article answer?", "  ")
        + "title:\n" + phrasings("The article's title", "  ")
        + "status: draft            # draft | submitted | under_review | approved (tailor review)\n"
        + f"updated: {today.isoformat()}\n"
        + "references:\n"
        + "  source-id:             # cite only real, verifiable sources\n"
        + "    type: guideline      # guideline | research | review | label | regulatory | other\n"
        + "    title: Title of the source exactly as published\n"
        + "    source: Journal or publisher\n"
        + f"    year: {today.year}\n"
        + "answer:                  # the short, direct answer under the question\n"
        + "  cites: [source-id]\n" + phrasings("The direct answer, as the source states it.", "  ")
        + "sections:\n"
        + "  - id: first-section\n"
        + "    heading:\n" + phrasings("Section heading", "      ")
        + "    claims:\n"
        + "      - id: first-claim\n"
        + "        cites: [source-id]\n" + phrasings("One claim, stated as precisely as the source allows", "        ")
    )
