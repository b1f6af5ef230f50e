"""Vietnamese number and date formats, over Django's own ``vi`` formats.

Django's Vietnamese locale sets the separators (6.700,3) but no grouping, so large numbers
would show as 6700,3; official documents group thousands.
"""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
DATETIME_FORMAT = "H:i d/m/Y"
