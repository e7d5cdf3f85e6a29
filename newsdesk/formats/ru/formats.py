from newsdesk.formats.common import *  # noqa: F403

# "11 декабря 2025 года": the month in the genitive (Django's "E", the alternative month
# name), and "года" after the year, as Russian running text writes a date.
DATE_FORMAT = r"j E Y \г\о\д\а"  # noqa: RUF001 (Russian letters, meant)
DATETIME_FORMAT = "j E Y, H:i"
