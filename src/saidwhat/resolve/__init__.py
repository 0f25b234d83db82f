"""Speaker resolution: from a mention ("er", "der Generalsekretär", "Rutte") to a Person."""

from __future__ import annotations

from saidwhat.resolve.speakers import SpeakerResolver, person_id

__all__ = ["SpeakerResolver", "person_id"]
