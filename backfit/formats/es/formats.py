"""US Spanish dates and times: "4 de diciembre de 2026", and the 12-hour
clock patients in Arizona read on the English pages and the clinic's signs
("9:00 a. m.")."""

DATE_FORMAT = r"j \d\e F \d\e Y"
TIME_FORMAT = "g:i A"
