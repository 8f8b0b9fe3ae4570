"""US English dates and times as the site always wrote them: "December 4,
2026", "9:00 AM" (Django's own "en" writes "Dec. 4, 2026", "9 a.m.")."""

DATE_FORMAT = "F j, Y"
TIME_FORMAT = "g:i A"
