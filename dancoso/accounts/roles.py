"""The roles a person can hold over a place or an agency, and which of them are officials.

Officials (everyone but residents and household representatives) must use a second factor.
"""

from django.db import models


class Role(models.TextChoices):
    RESIDENT = "resident", "Người dân"
    HOUSEHOLD_REP = "household_rep", "Đại diện hộ gia đình"
    VILLAGE_HEAD = "village_head", "Trưởng thôn / Tổ trưởng tổ dân phố"
    FRONT_HEAD = "front_head", "Trưởng ban công tác Mặt trận"
    COMMUNE_OFFICER = "commune_officer", "Cán bộ, công chức xã"
    COMMUNE_LEADER = "commune_leader", "Lãnh đạo UBND xã"
    AGENCY_HEAD = "agency_head", "Thủ trưởng cơ quan, đơn vị"
    AGENCY_STAFF = "agency_staff", "Cán bộ, công chức, viên chức, người lao động"
    INSPECTION_BOARD = "inspection_board", "Thành viên Ban Thanh tra nhân dân"
    SUPERVISION_BOARD = "supervision_board", "Thành viên Ban Giám sát đầu tư của cộng đồng"
    COUNCIL_DELEGATE = "council_delegate", "Đại biểu Hội đồng nhân dân"
    FRONT_OFFICER = "front_officer", "Cán bộ Mặt trận Tổ quốc"
    PROVINCE_OFFICER = "province_officer", "Cán bộ cấp tỉnh"
    SYSTEM_ADMIN = "system_admin", "Quản trị hệ thống"


RESIDENT_ROLES = frozenset({Role.RESIDENT, Role.HOUSEHOLD_REP})
OFFICIAL_ROLES = frozenset(set(Role) - RESIDENT_ROLES)

# Who manages a commune's registers (households, villages, member links).
REGISTER_MANAGERS = frozenset({Role.COMMUNE_OFFICER, Role.COMMUNE_LEADER, Role.SYSTEM_ADMIN})
# Who may read a commune's registers without changing them.
REGISTER_READERS = REGISTER_MANAGERS | {Role.PROVINCE_OFFICER, Role.FRONT_OFFICER}
# Roles that are granted over a village.
VILLAGE_ROLES = frozenset({Role.VILLAGE_HEAD, Role.FRONT_HEAD, Role.RESIDENT})
