"""Speaker resolution: from a mention ("er", "der Generalsekretär", "Rutte") to a Person,
and one identity per person across articles (:class:`PersonIndex`)."""

from __future__ import annotations

from saidwhat.resolve.speakers import MentionedEntity, SpeakerResolver, person_id

__all__ = ["MentionedEntity", "SpeakerResolver", "person_id"]
