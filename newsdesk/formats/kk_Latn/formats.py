# The Latin edition: "2025 jylğy 11 jeltoqsan".
from newsdesk.formats.kk.formats import *  # noqa: F403

DATE_FORMAT = r"Y \j\y\l\ğ\y j E"
DATETIME_FORMAT = r"Y \j\y\l\ğ\y j E, H:i"
YEAR_MONTH_FORMAT = r"Y \j\y\l\ğ\y E"
