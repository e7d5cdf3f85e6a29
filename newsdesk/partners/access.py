"""What a partner may take: the one rule, used by the API and the outbox alike."""

from newsdesk.editions.definition import BY_CODE, EDITION_CODES
from newsdesk.partners.models import Partner, ShownTo


def partner_editions(partner: Partner) -> list[str]:
    """The partner's editions, in the editions' order (unknown codes ignored)."""
    chosen = set(partner.editions or [])
    return [code for code in EDITION_CODES if code in chosen]


def partner_languages(partner: Partner) -> list[str]:
    return list(dict.fromkeys(BY_CODE[code].language for code in partner_editions(partner)))


def editions_for(partner: Partner, language: str) -> list[str]:
    """The partner's editions that show stories of `language` (Kazakh: one script or both)."""
    return [code for code in partner_editions(partner) if BY_CODE[code].language == language]


def section_ids(partner: Partner) -> set[int] | None:
    """The sections the partner may take, or None for all (read once per partner row)."""
    if not hasattr(partner, "_section_ids"):
        ids = {section.pk for section in partner.sections.all()}
        partner._section_ids = ids or None  # type: ignore[attr-defined]  # kept on the row
    found: set[int] | None = partner._section_ids  # type: ignore[attr-defined]
    return found


def shown_to_partner(partner: Partner) -> list[str]:
    """The versions' audiences the partner belongs to."""
    return [ShownTo.ALL, ShownTo.EMBARGO] if partner.sees_embargoed else [ShownTo.ALL]


def may_take(partner: Partner, *, language: str, section_id: int, shown_to: str) -> bool:
    sections = section_ids(partner)
    return (
        partner.is_active
        and language in partner_languages(partner)
        and (sections is None or section_id in sections)
        and shown_to in shown_to_partner(partner)
    )
