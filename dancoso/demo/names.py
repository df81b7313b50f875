"""Plausible names for the demo commune (Cao Lộc, Lạng Sơn: mostly Tày and Nùng families).

The demo persons are invented: names are drawn at random from these lists, and the demo
register carries no national ID numbers, so none can be a real person's.
"""

FAMILY = [
    "Hoàng",
    "Nông",
    "Lương",
    "Vi",
    "Lộc",
    "Hà",
    "Chu",
    "Triệu",
    "Lăng",
    "Nguyễn",
    "Lý",
    "Vy",
    "Đinh",
    "Mã",
    "Lâm",
    "Hứa",
    "La",
    "Dương",
    "Hoàng",
    "Nông",
]
MIDDLE_MALE = ["Văn", "Đức", "Minh", "Hữu", "Quang", "Thanh"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thu", "Ngọc", "Hồng", "Thanh"]
GIVEN_MALE = [
    "Minh",
    "Sơn",
    "Tùng",
    "Hải",
    "Nam",
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hùng",
    "Khánh",
    "Long",
    "Phong",
    "Quân",
    "Thắng",
    "Toàn",
    "Trung",
    "Việt",
    "Vinh",
    "Tuấn",
]
GIVEN_FEMALE = [
    "Lan",
    "Hoa",
    "Mai",
    "Thu",
    "Hằng",
    "Hương",
    "Linh",
    "Ngân",
    "Nhung",
    "Phương",
    "Quyên",
    "Thảo",
    "Trang",
    "Tuyết",
    "Vân",
    "Yến",
    "Hạnh",
    "Dung",
    "Loan",
    "Huyền",
]

# Twelve villages of the demo commune (illustrative names in the style of the area).
VILLAGES = [
    ("Thôn Bản Lải", "thon"),
    ("Thôn Nà Sla", "thon"),
    ("Thôn Khòn Pát", "thon"),
    ("Thôn Pác Cáp", "thon"),
    ("Thôn Nà Ròng", "thon"),
    ("Thôn Còn Chủ", "thon"),
    ("Thôn Bó Củng", "thon"),
    ("Thôn Phai Duốc", "thon"),
    ("Thôn Lục Khoang", "thon"),
    ("Bản Khòn Khuyên", "ban"),
    ("Khối Đồng Tân", "to_dan_pho"),
    ("Khối Tân Lập", "to_dan_pho"),
]

AGENCIES = [
    ("Ủy ban nhân dân xã Cao Lộc", "co_quan_nha_nuoc", 32),
    ("Trường Tiểu học Cao Lộc", "don_vi_su_nghiep", 41),
    ("Trường Mầm non Cao Lộc", "don_vi_su_nghiep", 27),
    ("Trạm Y tế xã Cao Lộc", "don_vi_su_nghiep", 9),
    ("Hợp tác xã Nông nghiệp Cao Lộc", "to_chuc_su_dung_lao_dong", 15),
]
