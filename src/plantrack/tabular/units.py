"""Units as the plans and figures write them, and their English (pure Python, no Django)."""

# The English of the units the plans and figures use; a unit not listed stays as written.
UNITS_EN = {
    "%": "%",
    "% GRDP": "% of GRDP",
    "%/năm": "%/year",
    "bác sĩ/vạn dân": "doctors per 10,000 people",
    "hạng": "rank",
    "hộ": "households",
    "km²": "km²",
    "lượt": "visits",
    "người": "people",
    "triệu USD": "million USD",
    "triệu đồng/người": "million VND per person",
    "triệu đồng/người (giá hiện hành)": "million VND per person (current prices)",
    "tỷ đồng": "billion VND",
    "tỷ đồng (giá so sánh)": "billion VND (constant prices)",
    "điểm": "points",
    "điểm %/năm": "percentage points a year",
    "điểm phần trăm/năm": "percentage points a year",
    "đơn vị": "units",
    "đơn vị/năm": "units a year",
}
