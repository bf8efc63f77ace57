"""Arabic figures and dates as UN Arabic documents print them (docs/reports.md, "Figures in Arabic").

Western digits (0-9, as in the Group's tables and the other editions), with the Arabic decimal
separator U+066B and the Arabic thousands separator U+066C: "1٬234٬567٫8", "61٫3". Django's own Arabic
format writes a comma for decimals and a full stop for thousands and does not group at all, which an
Arabic reader takes for another number; a Latin comma would read as the Arabic comma "،" of a list.
Django reads the other settings (month names, DATE_FORMAT "j F، Y") from its own ar module.
"""

DECIMAL_SEPARATOR = "\u066b"  # ٫ ARABIC DECIMAL SEPARATOR
THOUSAND_SEPARATOR = "\u066c"  # ٬ ARABIC THOUSANDS SEPARATOR
NUMBER_GROUPING = 3
# "date، time" with the Arabic comma, where Django would fall back to the English "N j, Y, P".
DATETIME_FORMAT = "j F، Y، H:i"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y، H:i"
TIME_FORMAT = "H:i"
