"""The official map, read from the ``vietnam-provinces`` package (data of 2025, after the
two-tier reform in force 01/07/2025: 34 provinces, 3,321 communes)."""

from vietnam_provinces import Province as OfficialProvince
from vietnam_provinces import VietNamDivisionType as DivisionType
from vietnam_provinces import Ward as OfficialWard

from .former import FORMER_PROVINCES

PROVINCE_KINDS = {DivisionType.TINH: "tinh", DivisionType.THANH_PHO_TRUNG_UONG: "thanh_pho"}
COMMUNE_KINDS = {
    DivisionType.XA: "xa",
    DivisionType.PHUONG: "phuong",
    DivisionType.DAC_KHU: "dac_khu",
}


def official_provinces() -> list[dict]:
    return [
        {
            "code": int(p.code),
            "name": p.name,
            "kind": PROVINCE_KINDS[p.division_type],
            "codename": p.codename,
            "former_names": list(FORMER_PROVINCES.get(int(p.code), ())),
        }
        for p in OfficialProvince.iter_all()
    ]


def official_communes() -> list[dict]:
    return [
        {
            "code": int(w.code),
            "name": w.name,
            "kind": COMMUNE_KINDS[w.division_type],
            "codename": w.codename,
            "province_code": int(w.province_code),
        }
        for w in OfficialWard.iter_all()
    ]
