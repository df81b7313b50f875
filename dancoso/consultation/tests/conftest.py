from .factories import agency, agency_head, agency_staff, closed_consultation, open_consultation

__all__ = ["agency", "agency_head", "agency_staff", "closed_consultation", "open_consultation"]
