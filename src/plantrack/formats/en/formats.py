"""English date formats for PlanTrack's readers: day first (03/12/2026), never US style.

A Vietnamese official reading the English pages reads 12/03/2026 as 12 March; dates are
written dd/mm/yyyy as in the Vietnamese pages, numbers in English style (6,700.3).
"""

DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
DATETIME_FORMAT = "d/m/Y H:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
