"""What happens to held-back sentences when an answer ends (`[grounding] on_held`):

drop     (the default) the held sentences are dropped and the answer ends with a short line
         in the owner's voice; no extra call, nothing more to pay or wait for.
correct  the same model is asked once more, naming the unsupported terms, to rewrite the held
         sentences from the facts alone (only when the budget holds the call; metered like
         any call); what it writes is checked again, and what still fails is dropped with
         the line.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.grounding.check import Verdict
from core.models.providers.base import ChatMessage

CORRECT = "correct"


def held_terms(held: Sequence[Verdict]) -> tuple[str, ...]:
    """The unsupported terms of the held sentences, each once, in order."""
    return tuple(dict.fromkeys(c.text for v in held for c in v.unsupported))


def correction_messages(
    messages: Sequence[ChatMessage], draft: str, held: Sequence[Verdict]
) -> tuple[ChatMessage, ...]:
    """The conversation once more, the draft as the model's turn, and a short correction."""
    terms = ", ".join(f'"{t}"' for t in held_terms(held))
    sentences = " ".join(v.sentence.strip() for v in held)
    ask = (
        f"Your answer named things the FACTS do not say: {terms}. Rewrite only these sentences "
        "using the FACTS alone, dropping what they do not support; reply with nothing else, or "
        f"with an empty reply if nothing is left: {sentences}"
    )
    return (*messages, ChatMessage("assistant", draft.strip()), ChatMessage("user", ask))


def held_detail(held: Sequence[Verdict]) -> str:
    """For the owner: what the model wanted to say, and the terms not in the profile."""
    said = " ".join(v.sentence.strip() for v in held)
    terms = ", ".join(held_terms(held))
    return f'The model wanted to say: "{said}" (not in your profile: {terms})'
