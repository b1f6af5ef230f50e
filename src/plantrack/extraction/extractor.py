"""Find the quantitative targets in the text of a Vietnamese planning decision (pure).

``extract_targets(text)`` returns one ``Candidate`` per target, in text order, each with
the indicator phrase as written, comparator, value (and upper value for a range), unit and
scale, kind, period, scope and the exact character spans in ``text``. It imports nothing
from Django: the review screen, the ``plantrack extract`` command and the evaluation test
all call it. docs/extraction.md states the rules and their limits; in short:

1. The text is cut into sentences, and every number followed by a known unit ("%/năm",
   "triệu đồng/người", "km", "lượt khách", …) is a value. Ranges ("9–10%", "từ 9 đến
   10%") are one value with an upper bound; a list "tương ứng 20 - 30 - 50%" gives one
   share per number. Numbers without a unit (years, decision numbers, "7 tham luận"),
   inside parentheses, or cut off at the end of the text are not values.
2. Before each value comes its predicate ("tăng bình quân trên", "đạt", "khoảng") and,
   before that, the indicator ("Thu ngân sách"). Lists ("đạt 60%; tỷ lệ … đạt 95%")
   give one candidate per value; a value with no indicator of its own ("…; đến năm 2030
   đạt khoảng 7%") takes the previous one's.
3. Statements of results ("ước đạt", "so với cùng kỳ", "đóng góp") are not targets, and
   a number counts only in a sentence with a target cue ("phấn đấu", "mục tiêu", a
   period, "bình quân", a bound) or inside a passage of targets.
4. The period comes from the phrase itself, else from the start of its sentence, else
   from the text before it ("Mục tiêu … đến năm 2030"), never from "tầm nhìn đến năm".
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from plantrack.extraction.text import collapse_spaces
from plantrack.extraction.units import UNIT_PATTERN, Unit, unit_from_match
from plantrack.tabular.numbers import NumberFormatError, parse_number

__all__ = ["Candidate", "extract_targets"]

# Kinds and comparators as strings: the same values as plans.choices.TargetKind and
# Comparator (which import Django), plus ``share`` and ``rank`` that the import maps to
# ``level`` (extraction/services.py, TARGET_KIND_OF).
LEVEL, AVERAGE_GROWTH, ANNUAL_CHANGE = "level", "average_growth", "annual_change"
CUMULATIVE, SHARE, RANK, QUALITATIVE = "cumulative", "share", "rank", "qualitative"
KINDS = (LEVEL, AVERAGE_GROWTH, ANNUAL_CHANGE, CUMULATIVE, SHARE, RANK, QUALITATIVE)
GTE, GT, LTE, LT, APPROX, EQ = ">=", ">", "<=", "<", "~", "="
PERIOD_KINDS = (AVERAGE_GROWTH, ANNUAL_CHANGE, CUMULATIVE)

_I = re.IGNORECASE
YEAR = r"(?:19|20)\d{2}"
_DASH = r"[-–—]"

# A number as written: 6.700,3 · 160.200 · 9,72 · 12 · 1,2. Not part of a code or a date
# ("1486/QĐ-TTg", "24/11/2023", "55/63"), nor a clause number ("1.2."). Text copied from
# web pages loses spaces: a number glued to the word before it counts when a "%" follows
# ("khoảng22%"), and one glued to its unit counts ("2.000USD", "200triệu USD").
_GLUED_UNIT = r"(?:USD|VN[DĐ]|triệu|tỷ|tỉ|nghìn|ngàn)"
_NUMBER_RE = re.compile(
    r"(?:(?<![\w/.,])|(?<=[^\W\d_])(?=[\d.,]+%))"
    r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
    rf"(?:(?![\w/])|(?={_GLUED_UNIT}))(?![.,]\d)"
)
_UNIT_RE = re.compile(r"\s*" + UNIT_PATTERN, _I)
_RANGE_SEP_RE = re.compile(rf"\s*(?:{_DASH}|đến|tới)\s*", _I)
_LIST_SEP_RE = re.compile(rf"\s*(?:{_DASH}|,|;|và|đến|tới)\s*", _I)
_FROM_RE = re.compile(r"\btừ\s*$", _I)
_AFTER_RE = re.compile(r"\s*(?:trở\s+lên|trở\s+xuống)", _I)
_QUALIFIER_RE = re.compile(r"\s*\((?:giá|theo|tính|chưa|đã|không)[^()]{0,60}\)", _I)
_RANK_BEFORE_RE = re.compile(r"(?:nhóm|top|tốp|tốp đầu|trong số)\s*$", _I)
# "tương đương 14.800-15.400 USD": the upper number of a conversion is no value either.
_PARITY_RE = re.compile(r"tương\s+đương\s*(?:\d[\d.,]*\s*[-–—]\s*)?$", _I)

# Periods: "giai đoạn 2021 - 2025", "thời kỳ 2021-2030", "2021 – 2030"; "đến năm 2030",
# "năm 2030", "vào năm 2030", "giai đoạn đến năm 2015", "từ nay đến năm 2015", "tính đến
# năm 2030", and "đến 2015" without "năm" (older decisions write it so).
RANGE_PERIOD = (
    rf"(?:(?:cả\s+|trong\s+|của\s+)?(?:(?:giai\s+đoạn|thời\s+kỳ|nhiệm\s+kỳ|\d+\s+năm)\s*){{1,2}})?"
    rf"(?:từ\s+)?(?:năm\s+)?(?P<start>{YEAR})\s*(?:{_DASH}|đến|tới)\s*(?:năm\s+)?(?P<end>{YEAR})"
)
POINT_PERIOD = (
    rf"(?:(?:giai\s+đoạn|thời\s+kỳ)\s+)?(?:(?:từ\s+nay|tính)\s+)?"
    rf"(?:(?:(?:đến|tới|vào|trong|(?:đến|tới)\s+(?:hết|cuối)|cuối)\s+)?năm\s+|(?:đến|tới)\s+(?:hết\s+)?)"
    rf"(?P<year>{YEAR})"
)
_PLAIN_POINT_PERIOD = POINT_PERIOD.replace("(?P<year>", "(?:")
# A period may follow a word it lost its space to ("giai đoạn2011-2015"), not a number.
_PERIOD_RE = re.compile(rf"(?<![\w/.,])(?:{RANGE_PERIOD}|{POINT_PERIOD})(?!\d)", _I)
_GLUED_PERIOD_RE = re.compile(rf"(?<=[^\W\d_])(?:{RANGE_PERIOD})(?!\d)", _I)
_VISION_RE = re.compile(r"tầm\s+nhìn\s*(?:đến\s*)?$", _I)
# A clause that opens with the vision's year sets its targets for that year.
_VISION_CLAUSE_RE = re.compile(rf"\s*tầm\s+nhìn\s+(?:đến\s+)?(?:năm\s+)?(?P<year>{YEAR})\s*,", _I)
_COMPARED_RE = re.compile(r"so\s+với\s*$", _I)
_PRICE_BASE_RE = re.compile(r"giá\s+(?:so\s+sánh|cố\s+định)\s*$", _I)

# Words that stand between an indicator and its value ("tăng bình quân trên", "đạt
# khoảng"), longest first; periods may stand among them. "tăng" in "tăng trưởng" is part
# of the indicator: a token is a whole word and the scan stops at the first other word.
_PREDICATE_WORDS = [
    r"không\s+thấp\s+hơn",
    r"không\s+dưới",
    r"không\s+ít\s+hơn",
    r"không\s+vượt\s+quá",
    r"không\s+quá",
    r"không\s+cao\s+hơn",
    r"không\s+vượt",
    r"ít\s+nhất",
    r"tối\s+thiểu",
    r"tối\s+đa",
    r"cao\s+hơn",
    r"thấp\s+hơn",
    r"nhiều\s+hơn",
    r"trên",
    r"hơn",
    r"vượt",
    r"dưới",
    r"khoảng",
    r"xấp\s+xỉ",
    r"ước(?=\s+đạt)",  # "phấn đấu đến 2030 tổng thu ngân sách ước đạt 57.000 tỷ đồng"
    r"gần",
    r"từ",
    r"ở\s+mức(?:\s+(?:cao|thấp))?",
    r"mức",
    r"đạt",
    r"là",
    r"chiếm\s+đa\s+số(?:\s+với)?",  # "… chiếm đa số với khoảng 72,7%"
    r"chiếm",
    r"đóng\s+góp",  # "tỷ trọng công nghiệp đóng góp 40% GRDP"
    r"(?-i:bằng)",
    r"còn",
    r"lên\s+(?:tới|đến)",  # "tốc độ tăng trưởng bình quân lên tới 16,38%/năm"
    r"(?<!trở )lên",
    r"(?<!trở )xuống",
    r"thêm",
    r"(?<!gia )tăng",
    r"giảm",
    r"bình\s+quân",
    r"(?<!thọ )(?<!dân số )trung\s+bình",  # "dân số trung bình hơn 3,3 triệu người" names it
    r"hằng\s+năm",
    r"hàng\s+năm",
    r"mỗi\s+năm",
    r"phấn\s+đấu",
    r"duy\s+trì",
    r"ổn\s+định",
    r"được",
    r"tương\s+ứng",
    r"lần\s+lượt",
    r"dự\s+báo",
    r"dự\s+kiến",
    r"sẽ",
    r"kỳ\s+vọng",
    r"phải",
    r"tỷ\s+trọng",
    r"tỉ\s+trọng",
    r"cho",
    # "… bình quân thời kỳ 2021-2030 của tỉnh đạt 7,25-8,25%/năm": after a period, whose
    # target it is, not a part of the indicator's name ("Tốc độ tăng GRDP của tỉnh" keeps it).
    r"(?<=\d )của\s+tỉnh",
    # … and so is a named place there: "… bình quân thời kỳ 2021-2030 của Bình Dương đạt", "tốc
    # độ tăng trưởng tổng sản phẩm GDP của Ninh Thuận giai đoạn 2011 -2015 đạt".
    r"(?<=\d )của\s+(?-i:[A-ZĐ]\w*(?:\s+[A-ZĐ]\w*)*)",
    r"của\s+(?-i:[A-ZĐ]\w*(?:\s+[A-ZĐ]\w*)*)(?=\s+(?:giai\s+đoạn|thời\s+kỳ)\s+\d)",
    r"(?:(?:đứng|xếp)\s+)?(?:thuộc|nằm\s+trong|trong|vào|ở)\s+(?:nhóm|top|tốp)",
    r"(?:đứng|xếp)\s+(?:nhóm|top|tốp)",
    r"có",
    r"nhóm",
    r"top",
    r"tốp",
    r"(?:trong\s+)?cả\s+(?:giai\s+đoạn|thời\s+kỳ)",
    # "tổng vốn đầu tư xã hội 5 năm đạt …", "tốc độ tăng trưởng GRDP bình quân 5 năm đạt …": the
    # span of years is the predicate's (the period's length), not part of the indicator's name.
    # ("Tổng vốn đầu tư … Phú Thọ trong 5 năm kỳ vọng đạt …" keeps its "trong 5 năm").
    r"(?<!trong )\d{1,2}\s+năm(?:\s+(?:tới|tiếp\s+theo))?(?!\s+\d)",
    # "từ 11,91% lên 12,97%": the old value is part of the predicate of the new one.
    r"từ\s+\d[\d.,]*\s*%?",
]
_PREDICATE_TOKEN = (
    r"(?<!\w)(?:" + "|".join(_PREDICATE_WORDS) + rf"|{RANGE_PERIOD}|{POINT_PERIOD})(?!\w)"
)
_PREDICATE_RE = re.compile(rf"(?:{_PREDICATE_TOKEN}[\s,:]*)+$", _I)

# Where an indicator starts: its head word. Used to find the start among commas
# ("tỷ trọng công nghiệp chế biến, chế tạo trong GDP").
_HEAD_RE = re.compile(
    r"(?:tốc\s+độ|t[ỷỉ]\s+lệ|t[ỷỉ]\s+trọng|tổng|số|thu|chi|giá\s+trị|GRDP|GDP|thu\s+nhập|"
    r"kim\s+ngạch|vốn|diện\s+tích|sản\s+lượng|năng\s+suất|doanh\s+thu|lượt|khách|dân\s+số|"
    r"mật\s+độ|độ\s+che\s+phủ|chỉ\s+số|kinh\s+tế|tuổi\s+thọ|bác\s+sĩ|giường|cơ\s+cấu|"
    r"mức|lao\s+động|đô\s+thị\s+hóa|khu\s+vực|ngành|xếp\s+hạng|thứ\s+hạng|PCI|PAPI|PAR|"
    r"SIPAS|DTI|tiêu\s+hao|cường\s+độ|tăng\s+trưởng|năng\s+lực|hệ\s+số|quy\s+mô|sản\s+xuất|"
    r"xuất\s+khẩu|nhập\s+khẩu|đầu\s+tư|huy\s+động|thuê\s+bao|hộ|trẻ\s+em|người|trường|"
    r"xã|huyện|đường|điện|nước|rừng|che\s+phủ|kết\s+nạp|giải\s+ngân|năng\s+lượng)(?!\w)",
    _I,
)
# The parts of an economy, named in a structure: "ngành dịch vụ", "công nghiệp - xây dựng",
# "nông, lâm nghiệp và thủy sản", "thuế sản phẩm trừ trợ cấp".
_SECTOR_NAME = (
    r"(?:(?:các\s+)?(?:nhóm\s+ngành|ngành|khu\s+vực|lĩnh\s+vực)\s+)?(?:nông|lâm|thủy|thuỷ|"
    r"công\s+nghiệp|xây\s+dựng|dịch\s+vụ|du\s+lịch|thương\s+mại|thuế)(?!\w)"
)
# "giảm tỷ trọng nông nghiệp xuống còn 28,43% và tăng tỷ trọng công nghiệp - xây dựng lên
# 26,87%": the verb and "tỷ trọng" say the change; the sector's name is the indicator.
_SHARE_CHANGE = rf"(?i:giảm|tăng|nâng)\s+t[ỷỉ]\s+trọng\s+(?=(?i:{_SECTOR_NAME}))"
_SHARE_CHANGE_RE = re.compile(_SHARE_CHANGE)
# Words before an indicator that are not part of it: list marks, section words, periods.
_NOISE_RE = re.compile(
    r"(?:[-+•*–.)]\s*|[a-zđ]\)\s*|\(?\d+(?:\.\d+)*[.)]\s*|"
    rf"{_SHARE_CHANGE}|"
    r"(?i:"
    r"và|với|cùng|trong\s+đó|riêng|cụ\s+thể|theo\s+đó|đồng\s+thời|phấn\s+đấu|đạt|có(?!\s+bằng\s+cấp)|gồm|"
    r"bao\s+gồm|tỉnh(?!\s+[A-ZĐ])|tính\s+chung|xác\s+định|đưa(?!\s+ra)|cần|phải|huy\s+động(?=\s+tổng)|giữ(?:\s+ổn\s+định|\s+vững)|giảm|nâng|tăng(?=\s+thu\s+(?!nhập))|ổn\s+định|duy\s+trì|bình\s+quân|mỗi\s+năm|"
    r"(?:về\s+|trong\s+)?cơ\s+cấu\s+(?:kinh\s+tế|GRDP|GDP)(?:\s+\(\s*GRDP\s*\))?"
    r"(?:\s+(?:gồm|với|tăng))?(?=\s*[,:]|\s+(?:gồm|với|ngành|khu\s+vực|lĩnh\s+vực|nhóm|"
    r"t[ỷỉ]\s+trọng)|\s+"
    rf"{_PLAIN_POINT_PERIOD})|"
    r"giữ\s+nguyên(?:\s+mục\s+tiêu)?|điều\s+chỉnh|"
    r"mục\s+tiêu(?:\s*,?\s*chỉ\s+tiêu)?(?:\s+(?:cụ\s+thể|chủ\s+yếu|tổng\s+quát))?|"
    r"(?:các\s+)?chỉ\s+tiêu(?:\s+(?:cụ\s+thể|chủ\s+yếu))?|"
    r"về\s+(?:kinh\s+tế\s*-\s*xã\s+hội|văn\s+hóa\s*-\s*xã\s+hội|kinh\s+tế|xã\s+hội|"
    r"văn\s+hóa|môi\s+trường|y\s+tế|giáo\s+dục|quốc\s+phòng,?\s+an\s+ninh|quốc\s+phòng|"
    r"an\s+ninh|tài\s+nguyên(?:\s+và)?\s+môi\s+trường|hạ\s+tầng)|về|"
    r"hằng\s+năm|hàng\s+năm|mỗi\s+năm|toàn\s+tỉnh|cả\s+nước|"
    rf"{POINT_PERIOD}|(?:trong\s+)?{RANGE_PERIOD})(?!\w)|"
    r"(?:[Tt]ỉnh|[Tt]hành\s+phố|[Hh]uyện)\s+[A-ZĐ]\w*(?:\s+[A-ZĐ]\w*)*|"
    # A news agency's tag ("TPO - ") and a place or the plan as the subject of a goal:
    # "Thái Nguyên phấn đấu", "Lào Cai sẽ", "quy hoạch đặt mục tiêu", "tỉnh đặt ra các
    # chỉ tiêu chủ yếu phấn đấu", "Trà Vinh có tốc độ tăng dân số …".
    r"[A-ZĐ]{2,6}(?:\.[A-Z]{2,3})?\s+[-–]\s+|"
    r"(?:(?:[A-ZĐ]\w*\s+){1,3}|(?i:quy\s+hoạch\s+|tỉnh\s+|địa\s+phương\s+))"
    r"(?i:cũng\s+)?(?=(?i:phấn\s+đấu|sẽ|đặt|đưa\s+ra|kỳ\s+vọng|xác\s+định|dự\s+kiến|phải|"
    r"định\s+hướng)(?!\w)|(?-i:có)\s+(?i:tốc\s+độ|t[ỷỉ]\s+lệ))|"
    r"(?i:bên\s+cạnh\s+đó|song\s+song\s+với\s+đó|ngoài\s+ra|định\s+hướng)(?!\w)|"
    r"(?i:sẽ(?:\s+có)?|(?:đặt|đưa)(?:\s+ra)?(?:\s+các)?\s+(?:mục\s+tiêu|chỉ\s+tiêu)"
    r"(?:\s+(?:kinh\s+tế|chủ\s+yếu|cụ\s+thể))?|kỳ\s+vọng|dự\s+kiến)(?!\w))[\s,:;.]*"
)
# A named administrative unit: "tỉnh Cao Bằng", "thành phố Cao Bằng", "huyện Trùng Khánh".
_SCOPE_RE = re.compile(
    r"(?<!\w)(?:tỉnh|thành\s+phố|TP\.?|huyện|thị\s+xã|thị\s+trấn|xã|phường|"
    r"khu\s+kinh\s+tế(?:\s+cửa\s+khẩu)?)\s+(?:[A-ZĐ]\w*)(?:\s+[A-ZĐ]\w*)*"
)
# What the extracted indicator must not be: the province's natural area is a fact of the
# decision's scope, not a target ("diện tích tự nhiên tỉnh là 6.700,3 km2").
_NOT_AN_INDICATOR_RE = re.compile(r"diện\s+tích\s+tự\s+nhiên|phạm\s+vi|ranh\s+giới", _I)

# Cues. A result: "ước đạt", "so với cùng kỳ", "đóng góp 0,32 điểm %", "xếp thứ 55/63",
# "hiện đạt". "tăng từ 10,5%/năm trở lên" is a floor, not a rise from an old value; "so với
# trung bình cả nước" names a relative indicator, not a comparison with last year; "từ 11%
# trở lên so với năm 2020" is a growth target over a year; "tỷ trọng công nghiệp đóng góp
# 40% GRDP" a share. A day's date
# ("Tính đến 30/11/2025"), "đúng hướng" and "tiếp tục tăng, đến năm 2020 chiếm …" speak of
# what happened; "gấp 1,3 lần năm 2020" is a relative figure (labelled none); what "the rest
# of" a year must bring ("mục tiêu 10,3% giai đoạn còn lại") and a target restated "như đã
# đề ra" are set elsewhere, not by the text.
_RESULT_RE = re.compile(
    r"(?<!\w)(?:ước(?!\s+mơ)|đã\s+đạt|đạt\s+được(?!\s+(?:các\s+)?mục\s+tiêu)|"
    r"thực\s+hiện\s+được|"
    r"(?<!trở\slên\s)so\s+với(?!\s+(?:mức\s+)?(?:trung\s+bình|bình\s+quân)|\s+(?:GRDP|GDP)(?!\w))|"
    r"(?<!lệ )(?<!tính )(?<!phấn đấu )(?<!sẽ )"  # "phấn đấu đóng góp khoảng 6,8% vào GDP": an aim
    r"đóng\s+góp(?!\s+của\s+(?:năng\s+suất|nhà\s+máy)|\s+(?:GRDP|GDP)\s+của|"
    r"\s+(?:khoảng\s+)?\d[\d.,]*\s*%\s*(?:GRDP|GDP)(?!\w))|"
    r"xếp\s+thứ|sơ\s+bộ|(?:tăng|giảm)\s+từ(?![^;.]*?trở\s+(?:lên|xuống))"
    r"(?!\s+\d[\d.,]*\s*%/năm\s*(?:[.;]|$))|cùng\s+kỳ|so\s+năm\s+\d{4}|"
    r"năm\s+qua|vừa\s+qua|đúng\s+hướng|tính\s+đến(?:\s+ngày)?\s+\d{1,2}/\d|đứng\s+thứ|"
    r"vượt[^;.]{0,24}?(?:kế\s+hoạch|dự\s+toán)|kế\s+hoạch\s+(?:giao|đề\s+ra)|dự\s+toán|"
    r"không\s+ngừng|khởi\s+sắc|tăng\s+trưởng\s+(?:khá|nhanh)|những\s+kết\s+quả|"
    r"số\s+liệu\s+thống\s+kê|hiện\s+đạt|tiếp\s+tục\s+tăng(?=\s*,)|"
    r"gấp\s+\d[\d.,]*\s*lần\s+năm\s+\d{4}|giai\s+đoạn\s+còn\s+lại|như\s+đã\s+đề\s+ra)(?!\w)",
    _I,
)
# A target: planning words, a bound, an average, a future period.
_TARGET_CUE_RE = re.compile(
    r"(?<!\w)(?:phấn\s+đấu|mục\s+tiêu|chỉ\s+tiêu|định\s+hướng|dự\s+kiến|dự\s+báo|kế\s+hoạch|"
    r"kỳ\s+vọng|"
    r"bình\s+quân(?!\s*(?:/\s*người|đầu\s+người|người|tính\s+theo\s+người|của\s+người))|"
    r"ít\s+nhất|tối\s+thiểu|tối\s+đa|không\s+quá|không\s+thấp\s+hơn|"
    r"trở\s+lên|trở\s+xuống|đến\s+năm|giai\s+đoạn|thời\s+kỳ|nhiệm\s+kỳ|hằng\s+năm|hàng\s+năm)"
    r"(?!\w)",
    _I,
)
# A passage of results: what makes the following sentences statements of fact.
_RESULT_PASSAGE_RE = re.compile(
    r"(?<!\w)(?:kết\s+quả|tình\s+hình\s+thực\s+hiện|ước\s+thực\s+hiện|ước\s+tính|ước\s+đạt)"
    r"(?!\w)",
    _I,
)
# "nhằm hoàn thành các chỉ tiêu nhiệm kỳ" looks back at targets: it opens no passage.
_PASSAGE_TARGET_RE = re.compile(
    r"(?<!\w)(?:mục\s+tiêu|(?<!hoàn thành các )(?<!hoàn thành )chỉ\s+tiêu|phấn\s+đấu)(?!\w)", _I
)
# A report on targets already met: "hoàn thành 19/25 chỉ tiêu chủ yếu đề ra", "đã hoàn thành
# thắng lợi các chỉ tiêu Nghị quyết", "đã thực hiện đạt và vượt hầu hết các chỉ tiêu", "đạt
# 277% kế hoạch năm", "14/19 chỉ tiêu … đạt và vượt mức kế hoạch", "các chỉ tiêu đều vượt so
# với kế hoạch". Its target words look back: the
# sentence and those after it, until a sentence looks forward again, tell what happened.
_LOOKS_BACK_RE = re.compile(
    r"(?<!\w)(?:(?:(?:đã|đều)\s+(?:thực\s+hiện\s+)?(?:hoàn\s+thành|đạt\s+và\s+vượt|vượt)"
    r"(?:\s+(?:thắng\s+lợi|vượt\s+mức|xuất\s+sắc))?|"
    r"hoàn\s+thành\s+(?:thắng\s+lợi|vượt\s+mức|xuất\s+sắc)|"
    r"(?:hoàn\s+thành|đạt)(?:\s+và\s+vượt)?(?=\s+\d+\s*/\s*\d+\s))"
    r"(?:\s+(?:hầu\s+hết|phần\s+lớn|đa\s+số))?(?:\s+(?:các|toàn\s+bộ|\d+\s*/\s*\d+))?"
    r"(?:\s+(?:mục\s+tiêu|chỉ\s+tiêu))?|"
    r"\d+\s*/\s*\d+\s+(?:mục\s+tiêu|chỉ\s+tiêu)[^.;]{0,60}?(?:đạt|vượt|hoàn\s+thành)|"
    r"\d[\d.,]*\s*%\s+(?:so\s+với\s+)?kế\s+hoạch|"
    r"đạt[^.;]{0,40}?so\s+với\s+kế\s+hoạch|"
    r"chỉ\s+tiêu\s+(?:đều\s+)?(?:đạt|vượt)|\(\s*kế\s+hoạch(?=\s+(?:tăng|giảm|đạt|là)?\s*\d))(?!\w)",
    _I,
)
# A sentence about the plan's scope: its counts ("9 đơn vị hành chính", "3 thành phố") are
# facts, not targets.
_SCOPE_SENTENCE_RE = re.compile(
    r"(?<!\w)(?:phạm\s+vi|ranh\s+giới|diện\s+tích\s+tự\s+nhiên|đơn\s+vị\s+hành\s+chính)(?!\w)", _I
)

# "TP. Bắc Giang", "TX. Sa Pa": an abbreviation's dot ends no sentence.
_SENTENCE_END_RE = re.compile(r"\n+|(?<=[.!?…])(?<!TP\.)(?<!TX\.)(?<!Tp\.)\s+|;\s*\n")
_CLAUSE_MARK_RE = re.compile(r"[;:]")


@dataclass
class Candidate:
    """One target found in a text, with where it was found.

    ``span`` covers the whole phrase (indicator to unit); ``indicator_span`` and
    ``value_span`` the indicator as written and the number. ``value`` is in ``unit``;
    ``scale`` converts it to base units (102 triệu đồng/người: 102 × 1e6).
    """

    indicator_text: str
    indicator: str
    comparator: str
    value: Decimal | None
    upper_value: Decimal | None
    unit: str
    scale: Decimal
    kind: str
    period_start: int | None
    period_end: int | None
    target_year: int | None
    scope: str | None
    span: tuple[int, int]
    indicator_span: tuple[int, int]
    value_span: tuple[int, int]
    confidence: float
    # Where its period came from ("own", "sentence", "context", "after", or "post" for one
    # written right after the value); not in the JSON Lines form (as_record).
    period_source: str = field(default="", compare=False, repr=False)

    def as_record(self) -> dict:
        """Return the candidate as the JSON Lines form prints it, fields in their fixed order."""
        return {
            "indicator_text": self.indicator_text,
            "indicator": self.indicator,
            "comparator": self.comparator,
            "value": _json_number(self.value),
            "upper_value": _json_number(self.upper_value),
            "unit": self.unit,
            "scale": _json_number(self.scale),
            "kind": self.kind,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "target_year": self.target_year,
            "scope": self.scope,
            "span": list(self.span),
            "confidence": self.confidence,
        }


# The JSON Lines fields, in their fixed order (docs/extraction.md, "Output").
RECORD_FIELDS = (
    "indicator_text", "indicator", "comparator", "value", "upper_value", "unit", "scale",
    "kind", "period_start", "period_end", "target_year", "scope", "span", "confidence",
)  # fmt: skip


def _json_number(value: Decimal | None) -> int | float | None:
    """Return an int for a whole number (102, 1000000), a float otherwise, None for None."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


@dataclass
class _Value:
    """A value expression: one number (or a range, or a list of shares) and its unit."""

    start: int
    end: int  # after the unit and any "trở lên" or "(giá hiện hành)"
    numbers: list[tuple[Decimal, tuple[int, int]]]
    unit: Unit | None
    is_range: bool = False
    is_list: bool = False
    is_rank: bool = False
    share_of_gdp: bool = False
    after: str = ""  # "trở lên", "trở xuống" or ""
    cut_off: bool = False
    in_parens: int | None = None  # where "(" stands: "(trong đó công nghiệp chiếm 12%)"
    is_count: bool = False  # a counted thing, not a unit: "27 đô thị"
    noun_start: int | None = None  # where the counted noun starts: "đô thị", "khách"


@dataclass
class _Context:
    """What the text said before the current sentence: a period, a year, a passage kind."""

    period: tuple[int, int] | None = None
    year: int | None = None
    in_targets: bool = False
    # The sentence before gave targets: a sentence of a list without a cue of its own
    # ("Cơ cấu kinh tế: Nông, lâm nghiệp - thủy sản chiếm khoảng 22 - 23%; …") goes on it.
    momentum: bool = False
    last_names: list[tuple[int, int]] | None = None  # of the last list of shares
    # The first year of the plan the text is about ("Quy hoạch tỉnh Hậu Giang thời kỳ 2021 -
    # 2030"): a sentence led by a period that ended before it tells what happened.
    plan_start: int | None = None
    # A report on targets met opened the passage (``_LOOKS_BACK_RE``): its figures are results.
    in_results: bool = False

    def take(self, period: "_Period") -> None:
        if period.start is not None:
            self.period, self.year = (period.start, period.end), period.end
        else:
            if self.period and self.period[1] != period.end:
                self.period = None
            self.year = period.end


@dataclass
class _Period:
    """A period as written: "giai đoạn 2021 - 2025" (start 2021) or "đến năm 2030" (none)."""

    start: int | None
    end: int


def extract_targets(text: str) -> list[Candidate]:
    """Return the quantitative targets of ``text``, one candidate each, in text order."""
    context = _Context()
    candidates: list[Candidate] = []
    bounds = _sentences(text)
    context.plan_start = _aims_start(text, bounds)
    for start, end in bounds:
        sentence = text[start:end]
        if _RESULT_PASSAGE_RE.search(sentence) and not _PASSAGE_TARGET_RE.search(sentence):
            context.in_targets = context.momentum = False  # "Kết quả thực hiện năm 2023: …"
        if _LOOKS_BACK_RE.search(sentence) and not _looks_forward(sentence):
            context.in_results = True  # "… hoàn thành 19/25 chỉ tiêu chủ yếu đề ra."
            context.in_targets = context.momentum = False
        elif _looks_forward(sentence):
            context.in_results = False
        if context.in_results:
            _update_context(context, text, start, end, sentence, [])
            continue
        found = _sentence_candidates(text, start, end, context, candidates)
        candidates.extend(found)
        _update_context(context, text, start, end, sentence, found)
    return candidates


def _aims_start(text: str, bounds: list[tuple[int, int]]) -> int | None:
    """Return the first year of the period a text without a plan named in it aims at: that of
    the first sentence that looks forward with a period ("Giai đoạn 2026-2030, Quảng Trị đặt
    mục tiêu …"), so that a term gone told before it ("Nhiệm kỳ 2020-2025, tốc độ … bình quân
    đạt 6,8%/năm") reads as what happened. A text that names its plan ("Quy hoạch tỉnh …
    thời kỳ 2021 - 2030") takes the plan's period where it is named (``_update_context``)."""
    if any(_PLAN_RE.search(text, start, end) for start, end in bounds):
        return None
    for start, end in bounds:
        if _looks_forward(text[start:end]):
            starts = [period.start for period in _periods(text, start, end) if period.start]
            if starts:
                return starts[0]
    return None


def _looks_forward(sentence: str) -> bool:
    """Whether the sentence says "mục tiêu", "chỉ tiêu" or "phấn đấu" other than in words
    that look back at targets met (``_LOOKS_BACK_RE``)."""
    return bool(_PASSAGE_TARGET_RE.search(_LOOKS_BACK_RE.sub(" ", sentence)))


def _sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each sentence: cut at line breaks and after . ! ? …"""
    bounds, position = [], 0
    for mark in _SENTENCE_END_RE.finditer(text):
        if text[position : mark.start()].strip():
            bounds.append((position, mark.start()))
        position = mark.end()
    if text[position:].strip():
        bounds.append((position, len(text)))
    return bounds


def _periods(text: str, start: int, end: int) -> list[_Period]:
    """Return the periods written in text[start:end], leaving out "tầm nhìn đến năm 2050"."""
    return [period for period, _ in _periods_at(text, start, end)]


def _periods_at(text: str, start: int, end: int) -> list[tuple["_Period", tuple[int, int]]]:
    """Return the periods of text[start:end] with where each is written, in text order."""
    matches = list(_PERIOD_RE.finditer(text, start, end))
    taken = [match.span() for match in matches]
    for match in _GLUED_PERIOD_RE.finditer(text, start, end):  # "giai đoạn2011-2015"
        if not any(a <= match.start() < b for a, b in taken):
            matches.append(match)
    found = []
    for match in sorted(matches, key=lambda m: m.start()):
        if _VISION_RE.search(text[max(0, match.start() - 20) : match.start()]):
            continue
        if _COMPARED_RE.search(text[max(0, match.start() - 12) : match.start()]):
            continue  # "tăng 25% so với năm 2020": the base year of a comparison
        if _PRICE_BASE_RE.search(text[max(0, match.start() - 16) : match.start()]):
            continue  # "(giá so sánh năm 2010)": the base year of the prices
        if match.group("start"):
            first, last = int(match.group("start")), int(match.group("end"))
            if first <= last:
                found.append((_Period(first, last), match.span()))
        elif match.group("year"):
            found.append((_Period(None, int(match.group("year"))), match.span()))
    return found


def _update_context(context, text, start, end, sentence, found) -> None:
    """Carry a sentence's period and passage kind to the sentences after it."""
    context.momentum = bool(found)
    if context.plan_start is None and _PLAN_RE.search(sentence):
        starts = [period.start for period in _periods(text, start, end) if period.start]
        context.plan_start = starts[0] if starts else None
    run: list[tuple[int, int]] = []
    for candidate in reversed(found):
        if candidate.kind != SHARE:
            break
        run.insert(0, candidate.indicator_span)
    if len(run) >= 2 and len(set(run)) == len(run):
        # "… công nghiệp - xây dựng đạt 36,29%; … dịch vụ đạt 42,74%. Năm 2015 đạt tương
        # ứng: 45,6%; 12,8% và 41,6%": the next list with no names takes these.
        context.last_names = run
    if _RESULT_RE.search(sentence) and not found:
        if _RESULT_PASSAGE_RE.search(sentence):
            context.in_targets = False
        return
    if _looks_forward(sentence):
        context.in_targets = True
    elif _RESULT_PASSAGE_RE.search(sentence):
        context.in_targets = False
    for period in _periods(text, start, end):
        context.take(period)  # "giai đoạn 2021 - 2025 …; … đến năm 2025": the range stays


def _values(text: str, start: int, end: int) -> list[_Value]:
    """Return the value expressions of text[start:end] in order (see the module docstring)."""
    values: list[_Value] = []
    position = start
    # The years of a period are no values: "13%/năm giai đoạn 2011 - 2015 và 14,5%/năm".
    periods = [span for _, span in _periods_at(text, start, end)]
    while True:
        match = _NUMBER_RE.search(text, position, end)
        if match is None:
            return values
        if any(a <= match.start() < b for a, b in periods):
            position = match.end()
            continue
        value = _read_value(text, match, start, end)
        if value is None:
            position = match.end()
            continue
        values.append(value)
        position = value.end


def _number(text: str, match: re.Match) -> Decimal | None:
    try:
        return parse_number(match.group(), locale="vi")
    except NumberFormatError:
        return None


def _unit_at(text: str, position: int, end: int):
    match = _UNIT_RE.match(text, position, end)
    if match is None:
        return None, position
    return match, match.end()


def _read_value(text: str, first: re.Match, start: int, end: int) -> _Value | None:
    """Read the value expression starting with the number ``first``; None if it is none."""
    number = _number(text, first)
    if number is None:
        return None
    before = text[start : first.start()]
    in_parens = None
    if before.count("(") > before.count(")"):
        # A conversion or a qualifier is no value ("(tương đương 680 USD)", "(giá 2010)");
        # a part of a target is ("(trong đó công nghiệp chiếm khoảng 12,1%)").
        opening = start + before.rfind("(")
        if _PAREN_TARGET_RE.match(text, opening + 1, first.start()):
            in_parens = opening
        elif not (
            not text[opening + 1 : first.start()].strip()
            and _SECTOR_END_RE.search(text, start, opening + 1)
        ):
            return None
        # else "tiếp theo là Dịch vụ (11,10%/năm)": the sector's own figure, a value as if
        # no parenthesis stood around it.
    if _PARITY_RE.search(before):
        return None
    # Further numbers: a list "20 - 30 - 50%", "23%, 57,5% và 19,5%" (three or more, or
    # two after "tương ứng"), else a range "9 - 10%", "từ 9 đến 10%".
    numbers, units, position = _more_numbers(text, first, number, end, _LIST_SEP_RE)
    if len(numbers) < 3 and not _says_respectively(before):
        numbers, units, position = _more_numbers(text, first, number, end, _RANGE_SEP_RE, 2)
    unit_match = units[-1] or units[0]
    if len(numbers) == 2 and not _says_respectively(before):
        lower, upper = numbers[0][0], numbers[1][0]
        if upper < lower:
            numbers, units = numbers[:1], units[:1]
            unit_match = units[0]
            position = unit_match.end() if unit_match else first.end()
    is_rank = bool(_RANK_BEFORE_RE.search(before)) and unit_match is None
    count = None
    if unit_match is None and not is_rank and len(numbers) == 1:
        count = _COUNT_RE.match(text, first.end(), end)  # "27 đô thị", "3 đơn vị cấp huyện"
        if count:
            position = count.end()
        else:  # "2-3 di tích lịch sử"
            separator = _RANGE_SEP_RE.match(text, first.end(), end)
            second = _NUMBER_RE.match(text, separator.end(), end) if separator else None
            count = _COUNT_RE.match(text, second.end(), end) if second else None
            upper = _number(text, second) if second else None
            if count and second and upper is not None and number is not None and upper > number:
                numbers = [*numbers, (upper, second.span())]
                position = count.end()
            else:
                count = None
    bare = None
    if unit_match is None and not is_rank and count is None and len(numbers) == 1:
        clause = before[max(before.rfind(";"), before.rfind(":")) + 1 :]
        years = _LIFE_YEARS_RE.match(text, first.end(), end)
        if years and _LIFE_YEARS_BEFORE_RE.search(clause):
            bare, position = Unit("năm", Decimal(1), "năm"), years.end()  # "sống khỏe … 68 năm"
        elif _INDEX_BEFORE_RE.search(clause):
            bare = Unit("", Decimal(1), "")  # "chỉ số phát triển con người (HDI) đạt 0,78"
    if unit_match is None and not is_rank and count is None and bare is None:
        return None  # a year, a code, "7 tham luận": not a value
    if _FROM_RE.search(before) and _OLD_VALUE_RE.match(text, position, end):
        return None  # "từ 11,91% lên 12,97%": the old value; the new one is the target
    unit = unit_from_match(unit_match) if unit_match else bare
    noun_start = None
    if count is not None:
        noun = collapse_spaces(count.group("noun")).lower()
        unit, noun_start = Unit(noun, Decimal(1), noun), count.start("noun")
    elif unit is not None and unit.base in ("lượt khách", "khách"):
        noun_start = unit_match.start() + unit_match.group().lower().rfind("khách")
        if noun_start < unit_match.start() or text[noun_start - 1 : noun_start] != " ":
            noun_start = None
    value = _Value(
        start=first.start(),
        end=position,
        numbers=numbers,
        unit=unit,
        is_range=len(numbers) == 2 and not _says_respectively(before),
        is_list=len(numbers) >= 3 or (len(numbers) == 2 and _says_respectively(before)),
        is_rank=is_rank,
        share_of_gdp=bool(unit_match and unit_match.group("share")),
        in_parens=in_parens,
        is_count=count is not None,
        noun_start=noun_start,
    )
    if unit is not None and unit.base == "tuổi" and _more_numbers_follow(text, position, end):
        return None  # "trẻ em dưới 5 tuổi …": part of the indicator
    after = _AFTER_RE.match(text, value.end, end)
    if after:
        value.after = collapse_spaces(after.group()).lower()
        value.end = after.end()
    qualifier = _QUALIFIER_RE.match(text, value.end, end)
    if qualifier:
        value.end = qualifier.end()
    value.cut_off = _is_cut_off(text, value.end)
    return value


# A sector's name right before a parenthesis: "tiếp theo là Dịch vụ (11,10%/năm)".
_SECTOR_END_RE = re.compile(
    r"(?<!\w)(?:nông\s+nghiệp|lâm\s+nghiệp|thủy\s+sản|thuỷ\s+sản|công\s+nghiệp|xây\s+dựng|"
    r"dịch\s+vụ|du\s+lịch|thương\s+mại)\s*\($",
    _I,
)
# Inside parentheses, a value is a target when a predicate stands before it: "(trong đó
# công nghiệp chiếm khoảng 12,1%)", "(trong đó, nước sạch đạt trên 90%)".
_PAREN_TARGET_RE = re.compile(
    r"\s*(?:(?:trong\s+đó\s*,?\s*)?[^\W\d][^()]*?\s(?:chiếm|đạt)\s|"
    r"trong\s+đó\s*,?\s*[^\W\d][^()]*?\s(?:khoảng|trên|dưới)\s)",
    _I,
)
# Years of life: "tuổi thọ trung bình … khoảng 76 năm", "số năm sống khỏe … 68 năm".
_LIFE_YEARS_BEFORE_RE = re.compile(r"tuổi\s+thọ|sống\s+khỏe|số\s+năm", _I)
_LIFE_YEARS_RE = re.compile(r"\s+năm(?!\s*\d)(?!\w)", _I)
# An index has no unit: "chỉ số phát triển con người (HDI) đạt 0,78".
_INDEX_BEFORE_RE = re.compile(
    r"(?:chỉ\s+số|HDI|PCI|PAPI|SIPAS)[^;,.]{0,60}?\s(?:đạt|là|ở\s+mức)"
    r"(?:\s+(?:khoảng|trên|ít\s+nhất|tối\s+thiểu))?\s*$",
    _I,
)
# Things counted in planning decisions, written after the number without being units.
_COUNT_RE = re.compile(
    r"\s+(?P<noun>đô\s+thị|đơn\s+vị|huyện|thị\s+xã|thị\s+trấn|thành\s+phố|khu\s+công\s+nghiệp|"
    r"cụm\s+công\s+nghiệp|khu\s+kinh\s+tế|khu\s+du\s+lịch|làng\s+nghề|di\s+tích)(?!\w)"
    r"(?!\s+hiện\s+(?:hữu|có))",  # "09 đô thị hiện hữu": what exists is no target
    _I,
)


def _more_numbers(text, first, number, end, separators, most=None):
    """Return the numbers (with spans), their units and the end, from ``first`` on,
    joined by ``separators``; an inner number may lack its unit ("20 - 30 - 50%"). The
    numbers of a list (``most`` None) share one unit as written: in "3% - 4%/năm; 85%" the
    "/năm" closes a range, not a list of three."""
    numbers = [(number, first.span())]
    unit_match, position = _unit_at(text, first.end(), end)
    units = [unit_match]
    # "từ 350 nghìn tỷ đến 400 nghìn tỷ đồng": the first number carries its scale alone; the
    # range is one when the next number's unit starts with the same scale.
    magnitude = None if unit_match else _BARE_MAGNITUDE_RE.match(text, first.end(), end)
    scale = collapse_spaces(magnitude.group("magnitude")).lower() + " " if magnitude else ""
    if magnitude:
        position = magnitude.end()
    while most is None or len(numbers) < most:
        separator = separators.match(text, position, end)
        following = _NUMBER_RE.match(text, separator.end(), end) if separator else None
        if following is None:
            break
        next_number = _number(text, following)
        next_unit, after_unit = _unit_at(text, following.end(), end)
        if scale and not (
            next_unit and collapse_spaces(next_unit.group()).lower().startswith(scale)
        ):
            break
        scale = ""
        if next_number is None or (
            next_unit is None and not _NUMBER_FOLLOWS_RE.match(text, following.end(), end)
        ):
            break
        if units[0] and next_unit and units[0].group("base") != next_unit.group("base"):
            break
        same_unit = not (units[0] and next_unit) or _unit_text(units[0]) == _unit_text(next_unit)
        if most is None and not same_unit:
            break
        numbers.append((next_number, following.span()))
        units.append(next_unit)
        position = after_unit
    return numbers, units, position


_BARE_MAGNITUDE_RE = re.compile(
    r"\s*(?P<magnitude>nghìn\s+tỷ|ngàn\s+tỷ|tỷ|tỉ|triệu|nghìn|ngàn)(?=\s*(?:đến|tới|[-–—]))", _I
)


def _unit_text(match: re.Match) -> str:
    return unit_from_match(match).text


_OLD_VALUE_RE = re.compile(rf"\s+(?:năm\s+{YEAR}\s+)?(?:lên|xuống)(?:\s+còn)?\s*\d", _I)
_NUMBER_FOLLOWS_RE = re.compile(rf"\s*(?:{_DASH}|,|;|và)\s*\d", _I)
_RESPECTIVELY_RE = re.compile(r"(?:tương\s+ứng|lần\s+lượt)(?:\s+(?:là|đạt|chiếm|khoảng))*\s*$", _I)


def _says_respectively(before: str) -> bool:
    return bool(_RESPECTIVELY_RE.search(before))


def _more_numbers_follow(text: str, position: int, end: int) -> bool:
    clause_end = _CLAUSE_MARK_RE.search(text, position, end)
    stop = clause_end.start() if clause_end else end
    return bool(re.search(r"\d", text[position:stop]))


def _is_cut_off(text: str, position: int) -> bool:
    """Return True if the text ends inside this value: "… 75-80 triệu đồng/người/".

    A number cut before its unit ("đạt 1,2 nghìn", "đạt 55") has no unit and is no value.
    """
    return re.fullmatch(r"\s*/\s*", text[position:]) is not None


def _sentence_candidates(text, start, end, context, earlier) -> list[Candidate]:
    """Return the candidates of one sentence."""
    sentence = text[start:end]
    if _RESULT_RE.search(sentence) and not (
        _PASSAGE_TARGET_RE.search(sentence) or context.in_targets
    ):
        return []  # in a passage of targets, a result cue drops only its own clause
    if _is_history(text, start, end, context):
        return []  # "Giai đoạn 2011 - 2020, tốc độ tăng trưởng … đạt 5,83%/năm"
    values = [value for value in _values(text, start, end) if not value.cut_off]
    if _SCOPE_SENTENCE_RE.search(sentence):
        values = [value for value in values if not value.is_count]
    if not values:
        return []
    sentence_has_cue = bool(_TARGET_CUE_RE.search(sentence))
    if not (sentence_has_cue or context.in_targets or context.momentum):
        return []
    periods = _periods_at(text, start, end)
    found: list[Candidate] = []
    clause_start = start
    for index, value in enumerate(values):
        clause_start = max(clause_start, _last_clause_mark(text, clause_start, value.start))
        if value.in_parens is not None:  # "(trong đó công nghiệp chiếm khoảng 12,1%)"
            clause_start = max(clause_start, value.in_parens + 1)
        aside = re.match(r"\s*\([^()]*\)", text[clause_start : value.start])
        if aside:  # "… 225 triệu đồng (tương đương 8.000-8.500 USD) và thu nhập …"
            clause_start += aside.end()
        next_start = values[index + 1].start if index + 1 < len(values) else end
        post_end = _post_end(text, value.end, next_start)
        # A comparison right after the value belongs to its clause: "tăng hơn 2 lần so với
        # năm 2010".
        tail = re.split(r"[,;:(]", text[post_end:next_start], maxsplit=1)[0]
        clause = text[clause_start : post_end + len(tail)]
        aimed = _RANGE_OVER_A_YEAR_RE.sub(r" đạt\1", _PLANNED_ESTIMATE_RE.sub(" đạt", clause))
        if _RESULT_RE.search(aimed):
            clause_start = post_end
            continue
        previous = found[-1] if found else (earlier[-1] if earlier else None)
        sentence_view = _SentenceView(
            start,
            end,
            periods,
            bool(found),
            values[0].start,
            sentence_has_cue or context.in_targets,
        )
        new = _candidates_for(text, sentence_view, clause_start, value, post_end, context, previous)
        if new and new[-1].period_source == "post":
            _share_a_closing_year(text, found, new[-1])
        found.extend(new)
        clause_start = max([post_end] + [candidate.span[1] for candidate in new])
        if value.in_parens is not None:  # what follows the ")" is a clause of its own
            closing = text.find(")", post_end, next_start)
            if closing >= 0:
                clause_start = closing + 1
    return found


_PLAN_RE = re.compile(r"(?<!\w)quy\s+hoạch(?!\w)", _I)
# "phấn đấu đến 2030 tổng thu ngân sách ước đạt 57.000 tỷ đồng": an estimate of what is
# aimed at, not of what happened.
# "tăng từ 8 - 8,3% so với năm 2021": a range of growth over last year is aimed at (a result
# is one figure).
_RANGE_OVER_A_YEAR_RE = re.compile(
    r"(?<!\w)(?:tăng|giảm)\s+từ(\s+\d[\d.,]*\s*%?\s*[-–]\s*\d[\d.,]*\s*%)\s+so\s+với\s+năm\s+\d{4}",
    _I,
)
_PLANNED_ESTIMATE_RE = re.compile(r"(?<=phấn đấu)(?P<aim>[^;.]*?)\sước\s+đạt(?!\w)", _I)


def _is_history(text: str, start: int, end: int, context: _Context) -> bool:
    """Whether the sentence is led by a period that ended before the plan's period began
    (and says no "mục tiêu", "chỉ tiêu" or "phấn đấu"): what happened, written like a target."""
    if context.plan_start is None or _PASSAGE_TARGET_RE.search(text, start, end):
        return False
    periods = _periods_at(text, start, end)
    if not periods:
        return False
    period, (period_start, _) = periods[0]
    leading = not text[start:period_start].strip(" -–•*")
    return leading and period.start is not None and period.end < context.plan_start


@dataclass
class _SentenceView:
    """The sentence a value is read in: its bounds, its periods and whether a candidate of
    it came before (a value with no indicator of its own then takes the previous one's)."""

    start: int
    end: int
    periods: list[tuple[_Period, tuple[int, int]]]
    has_previous: bool
    first_value: int  # where the sentence's first value starts
    cued: bool = True  # False when only the sentence before lets it give targets


def _share_a_closing_year(text: str, found: list[Candidate], closing: Candidate) -> None:
    """Give the year written after the last value of a run ("… chiếm 35 - 36%, công nghiệp -
    xây dựng chiếm 23 - 24% và dịch vụ chiếm 40 - 41% trong cơ cấu kinh tế vào năm 2020") to
    the values of that run, joined by "," or "và", that have no period of their own."""
    if closing.period_start is not None or closing.target_year is None:
        return
    for candidate in reversed(found):
        if (
            ";" in text[candidate.span[1] : closing.span[0]]
            or ":" in text[candidate.span[1] : closing.span[0]]
        ):
            return
        if (
            candidate.period_source in ("own", "post")
            or candidate.kind != closing.kind
            and (candidate.kind in PERIOD_KINDS or closing.kind in PERIOD_KINDS)
        ):
            return
        candidate.target_year = closing.target_year
        if candidate.kind in PERIOD_KINDS:
            candidate.period_start, candidate.period_end = None, closing.target_year
        else:
            candidate.period_start = candidate.period_end = None


def _last_clause_mark(text: str, start: int, end: int) -> int:
    last = start
    for mark in _CLAUSE_MARK_RE.finditer(text, start, end):
        last = mark.end()
    return last


def _post_end(text: str, position: int, limit: int) -> int:
    """Return the end of what follows a value and belongs to it: a period right after it
    ("khoảng 14,2%/năm giai đoạn 2016 - 2020", "1.900 USD vào năm 2015"). A period after a
    comma belongs to the next value ("1.000 USD/năm, đến năm 2020 đạt 1.800 USD/năm"),
    unless the clause ends with it."""
    match = re.match(
        rf"\s*(,?)\s*(?:trong\s+cơ\s+cấu(?:\s+kinh\s+tế|\s+GRDP)?\s+)?(?:{RANGE_PERIOD}|{POINT_PERIOD})",
        text[position:limit],
        _I,
    )
    if not match:
        return position
    if match.group(1) and not re.match(r"\s*(?:[;.)]|$)", text[position + match.end() : limit]):
        return position
    return position + match.end()


# What the words before a colon say of the values after it, not what they name: "GRDP bình
# quân đầu người sẽ tăng dần qua các năm: năm 2026 đạt …".
_COLON_TAIL_RE = re.compile(
    r"\s+(?:sẽ\s+)?(?:(?:tăng|giảm)\s+dần|qua\s+các\s+năm|như\s+sau|cụ\s+thể)"
    r"(?:\s+(?:qua\s+các\s+năm|như\s+sau|cụ\s+thể))*\s*$",
    _I,
)


def _candidates_for(text, sentence, clause_start, value, post_end, context, previous):
    """Return the candidate(s) of one value expression (several for a list of shares)."""
    pre = text[clause_start : value.start]
    predicate = _PREDICATE_RE.search(pre)
    predicate_start = clause_start + (predicate.start() if predicate else len(pre))
    predicate_text = collapse_spaces(text[predicate_start : value.start]).lower()
    ind_start, ind_end = _indicator_bounds(text, clause_start, predicate_start)
    following = _following_indicator(text, value, post_end, sentence.end)
    colon_period = None
    if (
        ind_start >= ind_end
        and text[clause_start - 1 : clause_start] == ":"
        and not (following and following[2])
    ):
        # "du lịch, dịch vụ: 55%": the name stands before the colon.
        name_start = _last_clause_mark(text, sentence.start, clause_start - 1)
        if sentence.has_previous and previous is not None:
            name_start = max(name_start, previous.span[1])
        ind_start, ind_end = _indicator_bounds(text, name_start, clause_start - 1)
        tail = _COLON_TAIL_RE.search(text, ind_start, ind_end)
        if tail and tail.start() > ind_start:
            ind_end = tail.start()  # "GRDP bình quân đầu người sẽ tăng dần qua các năm: …"
        named = _periods_at(text, ind_start, ind_end)
        if named and ind_start < named[-1][1][0] and named[-1][1][1] == ind_end:
            # "GRDP bình quân đầu người đến năm 2030: 278 triệu đồng": the period is the
            # target's, not part of its name.
            colon_period = named[-1][0]
            ind_end = ind_start + len(text[ind_start : named[-1][1][0]].rstrip(" ,"))
    per_head = re.match(r"bình\s+quân(?=\s)", text[predicate_start : value.start], _I)
    if (
        per_head
        and value.unit is not None
        and value.unit.base in ("đồng", "USD")
        and re.search(r"(?:GRDP|GDP|thu\s+nhập)$", text[ind_start:ind_end], _I)
    ):
        # "GRDP bình quân gần 7.000USD": "bình quân" names the indicator (per head), it
        # states no average of a growth.
        ind_end = predicate_start + per_head.end()
        predicate_text = collapse_spaces(text[ind_end : value.start]).lower()
    contribution = re.search(r"(?<!\w)đóng\s+góp(?!\w)", text[predicate_start : value.start], _I)
    if ind_start >= ind_end and contribution and value.share_of_gdp:
        # "Hải Phòng phấn đấu đóng góp khoảng 6,8% vào GDP cả nước": with no indicator before
        # it, the contribution itself is the share aimed at.
        ind_start = predicate_start + contribution.start()
        ind_end = predicate_start + contribution.end()
        predicate_text = collapse_spaces(text[ind_end : value.start]).lower()
    lead = text[clause_start:ind_start] if ind_start < ind_end else pre
    continued = False  # "…, 500 ha sâm Ngọc Linh": a run of what the first value counts
    inherited = False
    risks = set()  # what makes this candidate less sure (_confidence)
    if text[clause_start - 1 : clause_start] == ":" and ind_end <= clause_start:
        risks.add("colon")
    if following is not None:
        # The indicator after the value wins over none, or over a verb before a count
        # ("đón trên 2,8 triệu lượt khách du lịch"); a bare noun after it ("và 3,7 triệu
        # lượt khách vào năm 2020") only when no earlier candidate of the sentence can lend
        # its indicator.
        f_start, f_end, qualified = following
        has_own = ind_start < ind_end
        weak_own = (
            has_own
            and value.noun_start is not None
            and (
                not _HEAD_RE.match(text, ind_start)
                or bool(_VERB_ONLY_RE.fullmatch(text, ind_start, ind_end))
            )
        )
        naming = value.unit is not None and value.unit.base in _NAMING_UNITS
        if naming and has_own:  # "trồng mới 3.000 ha rừng": the own words only say what is done
            weak_own = bool(_ACTION_ONLY_RE.fullmatch(text, ind_start, ind_end))
        headless = not (has_own and _HEAD_RE.match(text, ind_start))
        if (
            (value.is_rank and headless)
            or (not has_own or weak_own)
            and (qualified or not sentence.has_previous)
        ):
            if naming:
                lead = text[clause_start : value.start]  # "trồng mới" says the kind
                continued = not has_own and sentence.has_previous
            ind_start, ind_end = f_start, f_end
            post_end = max(post_end, f_end)
            risks.add("following")
            bound = _TRAILING_BOUND_RE.search(text, f_start, f_end)
            if bound and naming and not value.after:  # "65.000 căn nhà ở xã hội trở lên"
                value.after = collapse_spaces(bound.group("after")).lower()
                ind_end = bound.start()
    if value.is_rank and "following" not in risks:
        group = _RANK_GROUP_RE.match(text, value.end, sentence.end)
        if group:  # "vào nhóm 15 tỉnh, thành phố cao nhất cả nước": the rank's own words
            post_end = max(post_end, group.end())
    if ind_start >= ind_end:
        if previous is None:
            return []
        ind_start, ind_end = previous.indicator_span
        inherited = True
    indicator_text = text[ind_start:ind_end]
    if _NOT_AN_INDICATOR_RE.search(indicator_text):
        return []

    own = [p for p, (a, b) in sentence.periods if clause_start <= a and b <= post_end]
    if colon_period is not None and not own:
        own = [colon_period]
    own_after = any(value.end <= a and b <= post_end for _, (a, b) in sentence.periods)
    vision = _VISION_CLAUSE_RE.match(text, clause_start, value.start)
    if vision and not own:  # "tầm nhìn 2050, tỉ lệ đô thị hóa đạt khoảng 70%"
        own = [_Period(None, int(vision.group("year")))]
    scope = _scope(text, clause_start, post_end)
    if value.is_list:
        period = own[-1] if own else _sentence_period(sentence, value, LEVEL, context)[0]
        return _shares(text, clause_start, predicate_start, value, predicate_text, period,
                       context, scope)  # fmt: skip

    following_rate = ind_start >= value.start  # "có 95% số xã …", "2 - 3% hộ nghèo"
    has_range = any(p.start is not None for p in own) or any(
        p.start is not None for p, (_, b) in sentence.periods if b <= value.start
    )
    own_range = any(p.start is not None for p in own)
    kind, unit, sign = _kind(indicator_text, predicate_text, value, lead, has_range,
                             following_rate, own_range)  # fmt: skip
    period, period_source = (own[-1], "own") if own else (None, "own")
    if period is None:
        period, period_source = _sentence_period(sentence, value, kind, context)
    if (
        continued
        and kind == LEVEL
        and previous.kind == CUMULATIVE
        and unit is not None
        and previous.unit == unit.text
    ):
        # "trồng mới được 2.000 ha cây ăn quả, 500 ha sâm Ngọc Linh và 2.000 ha …"
        kind = CUMULATIVE
    if kind == LEVEL and unit is not None and unit.is_percent:
        if (
            inherited
            and previous.kind == SHARE
            or _is_share(text, sentence.start, ind_start, indicator_text, predicate_text)
        ):
            kind = SHARE  # "Cơ cấu kinh tế đến năm 2030: khu vực dịch vụ chiếm khoảng 52%"
    if kind == SHARE and not own:
        headings = list(_SHARE_HEADING_RE.finditer(text, sentence.start, value.start))
        if headings:
            heading = headings[-1]
            # "…; cơ cấu kinh tế đến năm 2030: công nghiệp-xây dựng khoảng 58,0-58,5%; dịch vụ
            # 29,0-29,5%": the year that heads the list is the shares' own, not the range the
            # sentence led with (tests/data: a share under its own "đến năm 2030" has no range).
            period, period_source = _Period(None, int(heading.group("year"))), "own"
    if (
        kind == LEVEL
        and unit is not None
        and unit.is_percent
        and sentence.has_previous
        and previous.kind == AVERAGE_GROWTH
        and (inherited or re.search(r"(?<!\w)tăng(?!\w)", predicate_text))
        and not re.search(r"(?<!\w)(?:lên|còn)(?!\w)", predicate_text)
    ):
        # "… bình quân hằng năm tăng 7,0 - 7,5%; trong đó công nghiệp - xây dựng tăng 9,5 -
        # 10,2%", "… 10,6%/năm (trong đó giai đoạn 2021-2025 đạt 8,5-9,0%; …)"
        kind, unit = AVERAGE_GROWTH, Unit("%/năm", Decimal(1), "%")
    if (
        kind in (LEVEL, AVERAGE_GROWTH)
        and unit is not None
        and unit.is_percent
        and sentence.has_previous
        and previous.kind == ANNUAL_CHANGE
        and (_PART_OF_RE.search(lead) or re.search(r"(?<!\w)riêng(?!\w)", lead))
        and not re.search(r"(?<!\w)(?:tăng|lên|còn)(?!\w)", predicate_text)
        and (previous.value is not None and previous.value < 0 or "giảm" not in predicate_text)
    ):
        # "tỷ lệ hộ nghèo giảm hàng năm 1,5% - 2%, trong đó hộ nghèo đồng bào dân tộc thiểu
        # số 3% - 4%/năm", "…, riêng các huyện nghèo giảm bình quân 3 - 4%/năm": the part
        # falls as the whole does.
        kind, unit = ANNUAL_CHANGE, Unit("điểm %/năm", Decimal(1), "điểm %")
        sign = -1 if previous.value is not None and previous.value < 0 else 1
    comparator = _comparator(predicate_text, value, kind, sign)
    bare_predicate = re.sub(r"(?<!\w)và(?!\w)", "", predicate_text).strip()
    if inherited and previous.kind == kind and not bare_predicate:
        comparator = previous.comparator  # "đạt 13%/năm giai đoạn 2011 - 2015 và 14,5%/năm"
    numbers = [number for number, _ in value.numbers]
    lower, upper = numbers[0], (numbers[1] if value.is_range else None)
    if sign < 0:
        lower, upper = (-upper, -lower) if upper is not None else (-lower, None)
    start_year, end_year, year = _resolve_period(kind, period, context)
    if period is None and year is not None:
        period_source = "context"
    last_digit = value.numbers[-1][1][1]
    if text[value.start - 1 : value.start].isalpha() or text[last_digit : last_digit + 1].isalpha():
        risks.add("glued")  # "khoảng22%", "2.000USD": text that lost its spaces
    if value.is_count:
        risks.add("count")
    if value.in_parens is not None:
        risks.add("parens")
    if not sentence.cued:
        risks.add("uncued")
    confidence = _confidence(
        indicator_text, inherited, kind, start_year, year, period_source, risks
    )
    phrase_start = min(ind_start, value.start)
    if inherited:  # the phrase starts at its predicate: "và khoảng 13,4%/năm …" → "khoảng …"
        phrase_start = clause_start + _noise_length(pre)
    return [
        Candidate(
            indicator_text=indicator_text,
            indicator=_normalise_indicator(indicator_text),
            comparator=comparator,
            value=lower,
            upper_value=upper,
            unit=unit.text if unit else "",
            scale=unit.scale if unit else Decimal(1),
            kind=kind,
            period_start=start_year,
            period_end=end_year,
            target_year=year,
            scope=scope,
            span=(phrase_start, max(value.end, post_end, ind_end)),
            indicator_span=(ind_start, ind_end),
            value_span=value.numbers[0][1] if not value.is_range else (
                value.numbers[0][1][0], value.numbers[1][1][1]),
            confidence=confidence,
            period_source="post" if own_after else period_source,
        )
    ]  # fmt: skip


# A bound written after what a count names: "hoàn thành 65.000 căn nhà ở xã hội trở lên" (not
# in a name: "tỷ lệ sinh con thứ 3 trở lên", "100% đô thị loại V trở lên").
_TRAILING_BOUND_RE = re.compile(r"\s+(?P<after>trở\s+(?:lên|xuống))$", _I)
_PART_OF_RE = re.compile(r"(?<!\w)trong\s+đó(?!\w)", _I)


# A list of shares headed by its own year: "cơ cấu kinh tế đến năm 2030:".
_SHARE_HEADING_RE = re.compile(
    r"(?<!\w)cơ\s+cấu\s+kinh\s+tế\s+(?:đến\s+|vào\s+)?năm\s+(?P<year>\d{4})\s*:", _I
)


def _sentence_period(
    sentence: _SentenceView, value: _Value, kind: str, context: "_Context | None" = None
) -> tuple[_Period | None, str]:
    """Return (the period a value with none of its own takes from its sentence, where it was
    found: "sentence" or "after"): the last one
    written before the sentence's first value ("Giai đoạn 2026 - 2030, …; …"), else, when
    the text before says no year, the first written after it ("… là những mục tiêu trong
    Quy hoạch tỉnh thời kỳ 2021 - 2030")."""
    leading = [period for period, (_, b) in sentence.periods if b <= sentence.first_value]
    if leading:
        return leading[-1], "sentence"
    if context is not None and context.year is not None:
        return None, "sentence"  # the text before says the year: "… đến năm 2020. …; …"
    after = [period for period, (a, _) in sentence.periods if a >= value.end]
    return (after[0], "after") if after else (None, "sentence")


# What follows a value and names what it counts: "có 95% số xã đạt chuẩn nông thôn mới",
# "82% trường học đạt chuẩn quốc gia", "2 - 3% hộ nghèo", "1 đô thị loại II", "2,8 triệu
# lượt khách du lịch", "Top 10 tỉnh, thành phố có GRDP/người cao nhất cả nước". It runs to
# the next punctuation, "và" or period.
_FOLLOWING_WORDS_RE = re.compile(
    r"[^\W\d](?:[^,;.:()…]|,(?!\s*(?:\d|$|không|có\s+thêm|trong\s+đó|đồng\s+thời|và))|"
    r"\([A-ZĐ]{2,6}\))*",
    _I,
)
# Units after which the words name what is planted or counted ("2.000 ha cây ăn quả",
# "8 xã đạt chuẩn nông thôn mới"); they name the target when nothing before the value does
# but an action ("trồng mới").
_NAMING_UNITS = ("ha", "km", "xã", "căn")
# A verb alone before a count says what is done, not what is counted: "thu hút 15 triệu khách
# du lịch" ("thu" would be a head word, as in "thu ngân sách").
_VERB_ONLY_RE = re.compile(r"(?:thu\s+hút|đón(?:\s+tiếp)?|phục\s+vụ)(?:\s+được)?", _I)
_NOT_FOLLOWING_RE = re.compile(
    r"(?:so\s+với|trở\s+lên|trở\s+xuống|vào\s+năm|vào|năm|đến|tới|trong|giai\s+đoạn|thời\s+kỳ|"
    r"GRDP|GDP|của|từ|và|cao\s+điểm|mức\s+trung\s+bình|mức\s+bình\s+quân)(?!\w)",
    _I,
)
_FOLLOWING_STOP_RE = re.compile(
    rf"\s+(?:và|gồm|bao\s+gồm|trong\s+đó|{RANGE_PERIOD}|{_PLAIN_POINT_PERIOD}|vào|so\s+với)"
    r"(?!\w)",
    _I,
)


def _joins_verbs(text: str, stop: re.Match, end: int) -> bool:
    """Return True for a "và" inside the phrase: "rác thải đô thị được thu gom và xử lý bảo
    đảm tiêu chuẩn" (no number and no indicator head word follow it)."""
    if stop.group().strip().lower() != "và":
        return False
    rest = text[stop.end() : end]
    if re.match(r"\s*(?:các|những)\s", rest):
        return False  # "2 đô thị loại IV và các đô thị loại V": a thing of its own
    return not re.search(r"\d", rest) and not _HEAD_RE.match(rest.lstrip())


# "nhóm 5 tỉnh dẫn đầu vùng về chỉ số PCI"
_RANK_ABOUT_RE = re.compile(
    r"\s+tỉnh[^;.]*?(?:dẫn\s+đầu|đứng\s+đầu|hàng\s+đầu|cao\s+nhất)[^;.]*?\s+về\s+"
    r"(?P<indicator>[^,;.]+)",
    _I,
)
_RANK_FOLLOWING_RE = re.compile(
    r"\s+tỉnh(?:\s*,\s*thành\s+phố)?\s+có\s+(?P<indicator>[^,;.]+?)\s+"
    r"(?:cao|lớn|thấp|tốt)(?:\s+nhất)?(?!\w)",
    _I,
)


# The whole a rank is among, at the end of what it ranks: "quy mô kinh tế của cả nước".
_WHOLE_RE = re.compile(r"\s+(?:của\s+)?(?:cả\s+nước|toàn\s+quốc|vùng(?:\s+\w+)*)$", _I)
# The group of a rank whose indicator stands before it: "… phấn đấu vào nhóm 15 tỉnh,
# thành phố cao nhất cả nước, và đạt 189 triệu đồng": the group's words are the rank's.
_RANK_GROUP_RE = re.compile(
    r"\s+tỉnh(?:\s*,\s*thành\s+phố)?[^,;.()\d]*?(?:cao\s+nhất|dẫn\s+đầu|đứng\s+đầu|"
    r"hàng\s+đầu|phát\s+triển\s+khá)(?:\s+(?:của\s+)?(?:cả\s+nước|toàn\s+quốc|vùng[^,;.()\d]*))?",
    _I,
)


def _following_indicator(text, value, position, end):
    """Return (start, end, qualified) of the indicator written after a value, or None;
    ``qualified`` is False when it is only the counted noun ("27 đô thị,")."""
    if value.is_rank:
        match = _RANK_FOLLOWING_RE.match(text, value.end, end) or _RANK_ABOUT_RE.match(
            text, value.end, end
        )
        if match:
            about = _WHOLE_RE.search(text, match.start("indicator"), match.end("indicator"))
            finish = about.start() if about else match.end("indicator")
            return match.start("indicator"), finish, True
        return None
    if value.is_list or value.unit is None:
        return None
    if value.noun_start is not None:  # a counted noun: "1 đô thị loại II", "lượt khách du lịch"
        start, noun_end = value.noun_start, value.end
    # What the value counts, named after it ("2.000 ha cây ăn quả", "8 xã đạt chuẩn …"), or
    # what a bare percentage is of.
    elif value.unit.base in _NAMING_UNITS or (
        value.unit.is_percent and value.unit.text == "%" and not value.share_of_gdp
    ):
        match = re.match(r"\s+", text[value.end : end])
        if not match:
            return None
        start = value.end + match.end()
        if _NOT_FOLLOWING_RE.match(text, start):
            return None
        noun_end = start
        if value.unit.base == "xã":  # the counted thing is the unit's noun
            number_end = value.numbers[-1][1][1]
            start = number_end + len(text[number_end:start]) - len(text[number_end:start].lstrip())
    else:
        return None
    words = _FOLLOWING_WORDS_RE.match(text, start, end)
    if words is None or words.end() <= noun_end and value.noun_start is None:
        return None
    stop = _FOLLOWING_STOP_RE.search(text, max(noun_end, start), words.end())
    while stop is not None and _joins_verbs(text, stop, words.end()):
        stop = _FOLLOWING_STOP_RE.search(text, stop.end(), words.end())
    finish = stop.start() if stop else words.end()
    number = re.search(r"\d", text[max(noun_end, start) : finish])
    if number:  # "600.000 lượt khách quốc tế, đóng góp … đạt khoảng 15%": a target of its own
        comma = text.rfind(",", max(noun_end, start), max(noun_end, start) + number.start())
        if comma > start:
            finish = comma
    finish = start + len(text[start:finish].rstrip(" ,-–"))
    if finish <= start:
        return None
    return start, finish, finish > noun_end


_SHARE_SENTENCE_RE = re.compile(r"(?<!\w)(?:cơ\s+cấu|t[ỷỉ]\s+trọng)(?!\w)", _I)


def _indicator_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Return where the indicator lies in text[start:end] (the words before the predicate).

    Walk back over comma-separated parts until one starts with an indicator head word
    ("tỷ trọng công nghiệp chế biến, chế tạo trong GDP" keeps its comma) or is only noise
    ("Mục tiêu, chỉ tiêu cụ thể, về kinh tế tốc độ …" keeps "tốc độ …"). A part led by a
    weak head ("nước hợp vệ sinh") joins an earlier one led by a strong head ("Tỷ lệ dân số
    sử dụng nước sạch, nước hợp vệ sinh"). What a goal is set with is cut off ("quy hoạch
    đặt mục tiêu tốc độ …", "kịch bản tăng trưởng khả thi với tốc độ …"), and so is a bare
    place at the end ("GRDP/người tỉnh Lào Cai phấn đấu đứng trong nhóm 10").
    """
    region = text[start:end]
    cuts = [0] + [match.end() for match in re.finditer(",", region)]
    chosen = 0
    for position, cut in reversed(list(enumerate(cuts))):
        part_start = cut + _noise_length(region[cut:])
        part = region[part_start:].strip()
        if not part:
            chosen = len(region)
            continue
        if _HEAD_RE.match(part) or _SHARE_CHANGE_RE.match(region[cut:].lstrip()):
            chosen = cut
            if _WEAK_HEAD_RE.match(part):
                for earlier in reversed(cuts[:position]):
                    earlier_part = region[earlier + _noise_length(region[earlier:]) :]
                    if _STRONG_HEAD_RE.match(earlier_part.strip()):
                        chosen = earlier
                        break
                    if _is_only_noise(region, earlier) or _HEAD_RE.match(earlier_part.strip()):
                        break
            break
        if not region[cut:].split(",")[0].strip(" ,:;") or _is_only_noise(region, cut):
            break
        chosen = cut
    first = chosen + _noise_length(region[chosen:])
    goals = list(_GOAL_CUT_RE.finditer(region, first))
    goal = goals[-1] if goals else None
    if goal is not None and goal.group().strip().lower() == "với":
        if len(region[goal.end() :].split()) < 3:
            goal = None  # "Kinh tế tăng trưởng với tốc độ …": "tốc độ" alone names nothing
    if goal is not None and _HEAD_RE.match(region, goal.end()):
        subject = _SECTOR_SUBJECT_RE.match(region, first, goal.start())
        if subject and _BARE_GROWTH_RE.fullmatch(region[goal.end() :].strip()):
            # "khu vực Công nghiệp - Xây dựng được kỳ vọng dẫn dắt với tốc độ tăng trưởng bình
            # quân lên tới 16,38%/năm": a bare growth rate is the sector's, named before it.
            return start + first, start + subject.end("name")
        first = goal.end() + _noise_length(region[goal.end() :])
    if not _HEAD_RE.match(region, first):
        # "Một số mục tiêu cụ thể của Nghị quyết là tốc độ tăng trưởng …"
        connector = _CONNECTOR_RE.search(region, first)
        if connector:
            first = connector.end()
    indicator = region[first:]
    stripped = indicator.rstrip(" ,;:+-–(")
    place = _TRAILING_PLACE_RE.search(stripped)
    if place and place.start() > 0:
        stripped = stripped[: place.start()].rstrip(" ,;:+-–(")
    if stripped.count(")") > stripped.count("("):  # "thu nhập bình quân đầu người giá hiện hành)"
        stripped = re.sub(r"\s+\(?giá\b[^()]*\)$", "", stripped)
    if _PLACE_ONLY_RE.fullmatch(stripped.strip(" ,;:")):
        return end, end  # "Đến năm 2030, Lào Cai phấn đấu xếp trong Top 10 …": a subject
    leading = len(stripped) - len(stripped.lstrip(" ,;:"))
    return start + first + leading, start + first + len(stripped)


_SECTOR_RE = re.compile(rf"^{_SECTOR_NAME}", _I)

# A growth rate that names nothing it is of, and a sector standing as the subject before it.
_BARE_GROWTH_RE = re.compile(r"(?:tốc\s+độ\s+)?tăng\s+trưởng(?:\s+bình\s+quân)?", _I)
_SECTOR_SUBJECT_RE = re.compile(
    rf"(?P<name>(?:{_SECTOR_NAME})[^,;:()]*?)\s+(?:được|sẽ|dự\s+kiến|kỳ\s+vọng|phải|có)\s",
    _I,
)
_PLACE_ONLY_RE = re.compile(r"(?:[A-ZĐ][^\W\d_]*)(?:\s+[A-ZĐ][^\W\d_]*)+")
_CONNECTOR_RE = re.compile(
    rf"(?<!\w)(?:là|gồm|bao\s+gồm|như|với)\s+(?={_HEAD_RE.pattern}|{_SECTOR_NAME})", _I
)
# What a goal is set with, before the indicator: cut wherever it stands, when an indicator
# head word follows it.
_GOAL_CUT_RE = re.compile(
    r"(?<!\w)(?:phấn\s+đấu|(?:đặt|đưa)(?:\s+ra)?(?:\s+các)?\s+(?:mục\s+tiêu|chỉ\s+tiêu)"
    r"(?:\s+(?:kinh\s+tế|chủ\s+yếu|cụ\s+thể))?|kỳ\s+vọng|(?<!\w)với)\s+",
    _I,
)
_STRONG_HEAD_RE = re.compile(
    r"(?:t[ỷỉ]\s+lệ|tốc\s+độ|t[ỷỉ]\s+trọng|tổng|số|giá\s+trị|kim\s+ngạch)(?!\w)", _I
)
_WEAK_HEAD_RE = re.compile(
    r"(?:nước|người|xã|hộ|đường|điện|rừng|trường|huyện|trẻ\s+em|lao\s+động)(?!\w)", _I
)
# A place standing bare at the end of an indicator: "GRDP/người tỉnh Lào Cai".
_TRAILING_PLACE_RE = re.compile(
    r"(?<!của)(?<!tại)(?<!bàn)\s(?:tỉnh|thành\s+phố|huyện)\s+[A-ZĐ]\w*(?:\s+[A-ZĐ]\w*)*$"
)


def _noise_length(text: str) -> int:
    """Return how many characters of noise ``text`` starts with (list marks, "về kinh tế")."""
    length = len(text) - len(text.lstrip())
    while True:
        match = _NOISE_RE.match(text, length)
        if match is None or match.end() == length:
            return length
        length = match.end()


def _is_only_noise(region: str, cut: int) -> bool:
    part_end = region.find(",", cut)
    part = region[cut : part_end if part_end >= 0 else len(region)]
    return _noise_length(part) >= len(part.rstrip())


def _scope(text: str, start: int, end: int) -> str | None:
    match = _SCOPE_RE.search(text, start, end)
    return collapse_spaces(match.group()) if match else None


def _normalise_indicator(indicator_text: str) -> str:
    """Return the indicator without its period, scope or outer punctuation, lower case."""
    plain = _PERIOD_RE.sub(" ", indicator_text)
    plain = _SCOPE_RE.sub(" ", plain)
    plain = re.sub(r"(?i)\b(?:toàn\s+tỉnh|trên\s+địa\s+bàn(?:\s+tỉnh)?|của\s+tỉnh)\b", " ", plain)
    plain = collapse_spaces(plain).strip(" ,;:.-").lower()
    return re.sub(r"\s+(?:của|tại|ở|trên)$", "", plain)


_RATE_RE = re.compile(r"^(?:t[ỷỉ]\s+lệ|t[ỷỉ]\s+trọng|t[ỷỉ]\s+suất|mức\s+giảm|chỉ\s+số)", _I)
# A population growth rate is itself a rate a year: "Tỷ lệ tăng dân số tự nhiên 1%/năm" is
# the level of that rate, not a change of it.
# So is the natural growth alone, as a part of one: "… đạt 2,9%/năm; trong đó tăng tự nhiên
# khoảng 1,35 - 1,4%/năm".
_POPULATION_RATE_RE = re.compile(
    r"^(?:(?:t[ỷỉ]\s+lệ|tốc\s+độ)\s+(?:tăng|phát\s+triển)\s+dân\s+số|"
    r"(?:t[ỷỉ]\s+lệ\s+|tốc\s+độ\s+)?(?:gia\s+)?tăng\s+(?:dân\s+số\s+)?tự\s+nhiên)",
    _I,
)
_CUMULATIVE_RE = re.compile(
    r"(?<!\w)(?:cả\s+thời\s+kỳ|cả\s+giai\s+đoạn|lũy\s+kế|tổng\s+cộng|(?:trong\s+)?\d{1,2}\s+năm(?!\s+\d))"
    r"(?!\w)",
    _I,
)
_ACTION_RE = re.compile(
    r"(?<!\w)(?:xây\s+dựng|xây\s+mới|trồng|cải\s+tạo|nâng\s+cấp|giải\s+quyết|tạo|đào\s+tạo|"
    r"thu\s+hút|kết\s+nạp|hỗ\s+trợ|di\s+dời|bố\s+trí|cứng\s+hóa|kiên\s+cố\s+hóa|"
    r"làm\s+mới|mở\s+mới|phát\s+triển\s+mới)(?!\w)",
    _I,
)
# An indicator that is only what is done: "(đầu tư) xây dựng mới và nâng cấp", "trồng mới".
_ACTION_START_RE = re.compile(
    r"(?:đầu\s+tư\s+)?(?:xây\s+dựng|xây\s+mới|trồng|nâng\s+cấp|cải\s+tạo|cứng\s+hóa|"
    r"kiên\s+cố\s+hóa|làm\s+mới|mở\s+mới|hoàn\s+thành)(?!\w)",
    _I,
)
# "trồng mới", "đầu tư xây dựng mới và nâng cấp": what is done, with nothing it is done to.
_ACTION_ONLY_RE = re.compile(
    rf"{_ACTION_START_RE.pattern}(?:\s+mới)?(?:\s+và\s+{_ACTION_START_RE.pattern}(?:\s+mới)?)?", _I
)
# … and what is completed: "hoàn thành 65.000 căn nhà ở xã hội trở lên".
_NEW_ACTION_RE = re.compile(
    r"(?<!\w)(?:(?:trồng|xây\s+dựng|làm|mở|phát\s+triển|đầu\s+tư\s+xây\s+dựng)\s+mới|"
    r"^\s*hoàn\s+thành)(?!\w)",
    _I,
)
_YEARLY_RE = re.compile(r"(?<!\w)(?:mỗi\s+năm|hằng\s+năm|hàng\s+năm)(?!\w)", _I)
# A total over the period; "Vốn đầu tư thực hiện trên địa bàn … 176.919 tỷ đồng" (what is
# invested in a year, without "tổng") is a level.
_TOTAL_RE = re.compile(
    r"^(?:tổng\s+(?:vốn|nhu\s+cầu|mức\s+đầu\s+tư|đầu\s+tư|huy\s+động)|vốn\s+đầu\s+tư(?!\s+thực\s+hiện)|"
    r"huy\s+động)",
    _I,
)


def _kind(indicator_text: str, predicate: str, value: _Value, lead: str, has_range: bool,
          following_rate: bool = False, own_range: bool = False):  # fmt: skip
    """Return (kind, unit, sign): sign −1 for a decrease written as "giảm … X".

    - rank: "thuộc nhóm 30 tỉnh dẫn đầu";
    - a percentage (or per mille) a year ("%/năm", or "%" with "bình quân" or "hàng năm"
      and "tăng"/"giảm") is an annual change in points for a rate ("tỷ lệ …", "tỷ suất sinh",
      "điểm %", "2 - 3% hộ nghèo"), else an average growth; a population growth rate
      ("tỷ lệ tăng dân số 1%/năm") is a level;
    - cumulative: a total over a period ("cả thời kỳ", "tổng vốn đầu tư", "có thêm", or an
      action such as "xây dựng mới", "trồng mới" counted over a period "giai đoạn 2021 - 2030",
      not one a year: "mỗi năm tạo việc làm cho 8.000 lao động");
    - share: "tỷ trọng …", "cơ cấu …", "% GRDP";
    - level otherwise (also "giảm xuống còn 10%": the level reached).
    A fall may be written before the indicator: "Giảm tỷ suất sinh bình quân hàng năm 0,5‰".
    """
    unit = value.unit
    words = f"{lead.lower()} {indicator_text.lower()} {predicate}"
    falling = f"{lead.lower()} {predicate}"
    decreasing = bool(re.search(r"(?<!\w)giảm(?!\w)", falling))
    to_level = bool(re.search(r"(?<!\w)(?:còn|xuống|lên(?!\s+(?:tới|đến)))(?!\w)", predicate))
    rated = unit is not None and (unit.is_percent or unit.is_per_mille)
    yearly = rated and unit is not None and unit.text.endswith("/năm")
    # "giảm hàng năm 1,5% - 2%": a change each year, like "bình quân … giảm".
    average = "bình quân" in words or "trung bình" in words or bool(_YEARLY_RE.search(words))
    # "tốc độ GRDP bình quân hằng năm khoảng 8,5%": a "tốc độ" is a speed of change.
    changing = bool(re.search(r"(?<!\w)(?:tăng|giảm)(?!\w)|tăngtrưởng", words)) or bool(
        re.match(r"tốc\s+độ(?!\w)", indicator_text.strip(), _I)
    )
    if value.is_rank:
        return RANK, Unit("hạng", Decimal(1), "hạng"), 1
    if rated and _POPULATION_RATE_RE.match(indicator_text.strip()):
        return LEVEL, unit, 1
    if rated and unit is not None and not to_level:
        is_rate = (
            bool(_RATE_RE.match(indicator_text.strip())) or unit.base == "điểm %" or following_rate
        )
        per_year = yearly or (average and changing and unit.base in ("%", "điểm %", "‰"))
        sign = -1 if decreasing else 1
        if per_year and is_rate and (changing or unit.base == "điểm %"):
            if unit.is_per_mille:
                return ANNUAL_CHANGE, Unit("‰/năm", Decimal(1), "‰"), sign
            return ANNUAL_CHANGE, Unit("điểm %/năm", Decimal(1), "điểm %"), sign
        if per_year and unit.is_percent:
            return AVERAGE_GROWTH, Unit("%/năm", Decimal(1), "%"), sign
    if unit is not None and not rated and "/" not in unit.text:
        if _CUMULATIVE_RE.search(words) or _TOTAL_RE.match(indicator_text.strip()):
            return CUMULATIVE, unit, 1
        if has_range and _ACTION_RE.search(indicator_text) and not _YEARLY_RE.search(words):
            return CUMULATIVE, unit, 1
        if _NEW_ACTION_RE.search(words) and not _YEARLY_RE.search(words):
            return CUMULATIVE, unit, 1  # "trong đó trồng mới 2.400 ha": done over the plan
        if re.search(r"(?<!\w)thêm(?!\w)", falling) and not _YEARLY_RE.search(words):
            return CUMULATIVE, unit, 1  # "có thêm 8 xã đạt chuẩn": added over the period
        if own_range and re.match(r"(?i)tổng\s", indicator_text.strip()):
            return CUMULATIVE, unit, 1  # "tổng kim ngạch xuất khẩu giai đoạn 2026-2030 …"
    if value.share_of_gdp or re.match(r"(?i)^(?:t[ỷỉ]\s+trọng|cơ\s+cấu)", indicator_text.strip()):
        return SHARE, Unit("%", Decimal(1), "%") if unit and unit.is_percent else unit, 1
    return LEVEL, unit, 1


_PART_OF_GDP_RE = re.compile(r"(?<!\w)(?:trong|vào)\s+(?:tổng\s+)?(?:GRDP|GDP)(?!\w)", _I)


def _is_share(text, sentence_start, ind_start, indicator_text, predicate) -> bool:
    """Return True for a percentage that is a part of a whole: a sector's share ("ngành dịch
    vụ chiếm 36%"), a value that "chiếm" in a sentence about a structure, or a part that
    "chiếm" of the whole before it ("Lượng khách du lịch … tăng bình quân 9%/năm; trong đó,
    khách quốc tế chiếm từ 12% - 13%"), what a sector adds to the whole GRDP."""
    in_structure = bool(_SHARE_SENTENCE_RE.search(text, sentence_start, ind_start))
    takes = bool(re.search(r"(?<!\w)chiếm(?!\w)", predicate))
    if _SECTOR_RE.match(indicator_text.strip()):
        return in_structure or takes
    if re.match(r"(?i)đóng\s+góp\s", indicator_text.strip()) and _PART_OF_GDP_RE.search(
        indicator_text
    ):
        return True  # "đóng góp GRDP của ngành du lịch trong tổng GRDP của tỉnh đạt 15%"
    part_of = _PART_OF_RE.search(text, max(sentence_start, ind_start - 16), ind_start)
    return takes and (in_structure or part_of is not None)


# Comparator words, most specific first; the first found decides.
_COMPARATOR_WORDS = [
    (r"trên\s+dưới", APPROX),  # "khoảng trên dưới 1 tỷ USD": about, not above
    (r"không\s+thấp\s+hơn|không\s+dưới|không\s+ít\s+hơn|ít\s+nhất|tối\s+thiểu", GTE),
    (r"không\s+vượt\s+quá|không\s+quá|không\s+cao\s+hơn|không\s+vượt|tối\s+đa", LTE),
    (r"trên|hơn|vượt|cao\s+hơn|nhiều\s+hơn", GT),
    (r"dưới|thấp\s+hơn", LT),
    (r"khoảng|xấp\s+xỉ|gần|ước", APPROX),
]


def _comparator(predicate: str, value: _Value, kind: str, sign: int) -> str:
    """Return the comparator on the signed value (docs/extraction.md, "Comparators").

    A range is "~". "trở lên" and the floor words are ">="; "trên" is ">"; "khoảng" is
    "~"; "đạt", "là", "chiếm" or no word is "=", except that "đạt" a growth rate is
    ">=" (a growth target is a floor). A decrease ("giảm … trên 4%/năm") bounds the
    signed change from below: "<=" −4 for a fall of at least 4 points.
    """
    if value.is_range:
        return APPROX
    if value.is_rank:
        return LTE
    found = EQ
    if value.after == "trở lên":
        found = GTE
    elif value.after == "trở xuống":
        found = LTE
    else:
        for pattern, comparator in _COMPARATOR_WORDS:
            if re.search(rf"(?<!\w)(?:{pattern})(?!\w)", predicate):
                found = comparator
                break
        else:
            if re.search(r"(?<!\w)từ\s*$", predicate):
                found = GTE  # "bình quân giai đoạn 2021 - 2030 từ 8,0%/năm": from 8 up
            elif kind == AVERAGE_GROWTH and re.search(r"(?<!\w)đạt(?!\w)", predicate):
                found = GTE
    if sign < 0:
        return {GT: LTE, GTE: LTE, LT: GTE, LTE: GTE}.get(found, found)
    return found


def _resolve_period(kind: str, period: _Period | None, context: _Context):
    """Return (period_start, period_end, target_year) from the phrase's period or context."""
    if period is not None:
        if period.start is not None:
            return period.start, period.end, period.end
        if kind in PERIOD_KINDS:
            start = (
                context.period[0] if context.period and context.period[1] == period.end else None
            )
            return start, period.end, period.end
        return None, None, period.end
    if kind in PERIOD_KINDS and context.period:
        return context.period[0], context.period[1], context.period[1]
    if context.year is not None:
        if kind in PERIOD_KINDS:
            return None, context.year, context.year
        return None, None, context.year
    return None, None, None


# What each risk takes off the confidence; the reliability table of docs/extraction.md
# ("How sure it is") shows how often candidates were right at each level.
_RISK_PENALTIES = {
    "following": 0.1,  # the indicator was read after the value: "82% trường học …"
    "colon": 0.05,  # "du lịch, dịch vụ: 55%"
    "count": 0.05,  # "27 đô thị": a counted noun, not a unit
    "parens": 0.1,  # "(trong đó công nghiệp chiếm khoảng 12%)"
    "uncued": 0.1,  # no target word; the sentence before gave targets
    "glued": 0.1,  # text without its spaces
}


def _confidence(
    indicator_text, inherited, kind, start_year, year, period_source, risks=frozenset()
) -> float:
    """Return how sure the extractor is, 0–1: a score, lower without a head word, a year or a
    start, and for each risk of ``_RISK_PENALTIES`` (a period taken from after the value or
    from the text before costs a little too), mapped by ``_calibrated`` to the share right
    observed at that score on text never tuned on."""
    confidence = 0.95 - sum(_RISK_PENALTIES[risk] for risk in risks)
    if "following" not in risks and not _HEAD_RE.match(indicator_text.strip()):
        confidence -= 0.25
    if inherited:
        confidence -= 0.1
    if year is None:
        confidence -= 0.2
    if kind in PERIOD_KINDS and start_year is None:
        confidence -= 0.15
    if period_source == "context":
        confidence -= 0.05
    if period_source == "after":
        confidence -= 0.1
    if len(indicator_text.split()) > 14:
        confidence -= 0.1
    return _calibrated(max(confidence, 0.1))


# The share of candidates right on every field, on text never tuned on, per band of the
# score above: held-out splits 2 to 9 as first measured, pooled (docs/extraction.md, "How
# sure it is"): a score in [0.9, 1.0] was right 211 times in 269, in [0.8, 0.9) 38 in 59,
# in [0.7, 0.8) 46 in 79, below 0.7 44 in 79. Each band's share stands at the band's
# middle; between them the line is straight, so that a higher score stays a higher
# confidence and the review screen's order (least sure first) does not change.
_CALIBRATION_POINTS = ((0.6, 0.56), (0.75, 0.58), (0.85, 0.64), (0.95, 0.78))


def _calibrated(score: float) -> float:
    """Return the confidence of a score: the share right expected on a new decision's text.

    Below the first point the confidence falls in proportion to the score; above the last
    it stays at the last point's share (no score is higher than 0.95).
    """
    (first_score, first_share), (last_score, last_share) = (
        _CALIBRATION_POINTS[0],
        _CALIBRATION_POINTS[-1],
    )
    if score <= first_score:
        return round(score * first_share / first_score, 3)
    if score >= last_score:
        return last_share
    for (low, low_share), (high, high_share) in zip(
        _CALIBRATION_POINTS, _CALIBRATION_POINTS[1:], strict=False
    ):
        if score <= high:
            return round(low_share + (score - low) * (high_share - low_share) / (high - low), 3)
    return last_share


def _shares(text, clause_start, names_end, value, predicate_text, period, context, scope):
    """Return one share per number of "… tương ứng 20 - 30 - 50%": the names before
    "tương ứng" are split at semicolons, commas and "và", or dashes, whichever gives as many
    names as numbers. A list with no names of its own ("đến năm 2020 tương ứng là 23% - 32% -
    45%") takes those of the list before it."""
    ind_start, ind_end = _indicator_bounds(text, clause_start, names_end)
    names_text = text[ind_start:ind_end]
    names = _split_names(names_text, ind_start, len(value.numbers))
    if names is None and context.last_names and len(context.last_names) == len(value.numbers):
        residue = _SECTOR_PREFIX_RE.sub("", _PERIOD_RE.sub(" ", names_text).strip())
        if not _NAMED_PART_RE.search(re.sub(r"(?i)cơ\s*cấu|tương\s+ứng", "", residue)):
            names = context.last_names
    if names is not None:
        context.last_names = names
    comparator = APPROX if re.search(r"khoảng|xấp\s+xỉ", predicate_text) else EQ
    _, _, year = _resolve_period(SHARE, period, context)
    start_year = end_year = None
    if period is not None and period.start is not None:
        start_year, end_year = period.start, period.end
    unit = value.unit
    total = sum(number for number, _ in value.numbers)
    kind = SHARE
    named = names is not None
    if not _SHARE_SENTENCE_RE.search(text, clause_start, names_end) and abs(total - 100) > 1:
        kind = LEVEL  # "lần lượt là 40% và 98%": two rates, not the parts of a whole
    candidates = []
    for position, (number, number_span) in enumerate(value.numbers):
        name_start, name_end = names[position] if named else (ind_start, ind_end)
        indicator_text = text[name_start:name_end]
        candidates.append(
            Candidate(
                indicator_text=indicator_text,
                indicator=_normalise_indicator(indicator_text),
                comparator=comparator,
                value=number,
                upper_value=None,
                unit=unit.text if unit else "%",
                scale=unit.scale if unit else Decimal(1),
                kind=kind,
                period_start=start_year,
                period_end=end_year,
                target_year=year,
                scope=scope,
                span=(min(ind_start, name_start), value.end),
                indicator_span=(name_start, name_end),
                value_span=number_span,
                confidence=_calibrated(0.8 if named else 0.5),
            )
        )
    return candidates


_SECTOR_PREFIX_RE = re.compile(
    r"^(?:(?:cơ\s+cấu(?:\s+kinh\s+tế)?|t[ỷỉ]\s+trọng)(?:\s+(?:theo|của|trong))?"
    r"(?:\s+các)?(?:\s+(?:ngành|khu\s+vực|lĩnh\s+vực))?|(?:các\s+)?(?:ngành|khu\s+vực|lĩnh\s+vực))"
    r"\s*:?\s*",
    _I,
)
_SECTOR_SUFFIX_RE = re.compile(r"\s+(?:trong|của)\s+(?:cơ\s+cấu\s+)?(?:GRDP|GDP)\s*$", _I)
_NAMED_PART_RE = re.compile(r"[^\W\d]{2,}")


def _split_names(names_text: str, offset: int, count: int) -> list[tuple[int, int]] | None:
    """Return the spans of the ``count`` sector names in "khu vực nông nghiệp, công nghiệp
    và dịch vụ" (or "công nghiệp - dịch vụ - nông nghiệp"), or None if they are not so many."""
    prefix = _SECTOR_PREFIX_RE.match(names_text)
    body_start = prefix.end() if prefix else 0
    suffix = _SECTOR_SUFFIX_RE.search(names_text, body_start)
    body_end = suffix.start() if suffix else len(names_text)
    for separator in (";", r",|\svà\s", r"\s[-–]\s"):
        spans, position = [], body_start
        for piece in re.split(f"({separator})", names_text[body_start:body_end]):
            if re.fullmatch(separator, piece):
                position += len(piece)
                continue
            stripped = piece.strip()
            if stripped:
                lead = piece.index(stripped)
                spans.append((offset + position + lead, offset + position + lead + len(stripped)))
            position += len(piece)
        if len(spans) == count:
            return spans
    return None
