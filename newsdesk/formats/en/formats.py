from newsdesk.formats.common import *  # noqa: F403

# The agency's English keeps the feeds' DD.MM.YYYY, HH:MM and day-first input (common);
# a sentence says "News of 11 December 2025", and numbers are written the English way.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
