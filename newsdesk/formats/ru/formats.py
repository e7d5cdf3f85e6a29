from newsdesk.formats.common import *  # noqa: F403

# "11 декабря 2025": the month in the genitive (Django's "E", the alternative month name).
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
