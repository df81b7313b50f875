"""The provinces merged on 01/07/2025 and the names they had before, by today's code.

Resolution 202/2025/QH15 of the National Assembly (12/06/2025) on arranging provincial-level
units reduced 63 provinces to 34, in force from 12/06/2025, the new provinces working from
01/07/2025. People's Council resolutions adopted before then (Sóc Trăng 2025, Bình Dương 2024)
name the old province; ``Province.former_names`` keeps those names so a document or a
resolution file that cites one is matched to the province that now holds it.

The package ``vietnam-provinces`` gives only the map after the reform, hence this table. The
province whose name was kept is listed with the others it absorbed."""

FORMER_PROVINCES: dict[int, tuple[str, ...]] = {
    8: ("Hà Giang",),  # Tuyên Quang
    15: ("Yên Bái",),  # Lào Cai
    19: ("Bắc Kạn",),  # Thái Nguyên
    24: ("Bắc Giang",),  # Bắc Ninh
    25: ("Vĩnh Phúc", "Hòa Bình"),  # Phú Thọ
    31: ("Hải Dương",),  # Thành phố Hải Phòng
    33: ("Thái Bình",),  # Hưng Yên
    37: ("Hà Nam", "Nam Định"),  # Ninh Bình
    44: ("Quảng Bình",),  # Quảng Trị
    48: ("Quảng Nam",),  # Thành phố Đà Nẵng
    51: ("Kon Tum",),  # Quảng Ngãi
    52: ("Bình Định",),  # Gia Lai
    56: ("Ninh Thuận",),  # Khánh Hòa
    66: ("Phú Yên",),  # Đắk Lắk
    68: ("Đắk Nông", "Bình Thuận"),  # Lâm Đồng
    75: ("Bình Phước",),  # Đồng Nai
    79: ("Bình Dương", "Bà Rịa - Vũng Tàu"),  # Thành phố Hồ Chí Minh
    80: ("Long An",),  # Tây Ninh
    82: ("Tiền Giang",),  # Đồng Tháp
    86: ("Bến Tre", "Trà Vinh"),  # Vĩnh Long
    91: ("Kiên Giang",),  # An Giang
    92: ("Hậu Giang", "Sóc Trăng"),  # Thành phố Cần Thơ
    96: ("Bạc Liêu",),  # Cà Mau
}
