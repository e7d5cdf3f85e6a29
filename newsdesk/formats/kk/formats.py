from newsdesk.formats.common import *  # noqa: F403

# Kazakh writes "2025 жылғы 11 желтоқсан": the year first, the month in lower case (our
# catalogue gives the lower-case "alt. month" names). Django ships no Kazakh formats.
DATE_FORMAT = r"Y \ж\ы\л\ғ\ы j E"
DATETIME_FORMAT = r"Y \ж\ы\л\ғ\ы j E, H:i"
YEAR_MONTH_FORMAT = r"Y \ж\ы\л\ғ\ы E"
MONTH_DAY_FORMAT = "j E"
