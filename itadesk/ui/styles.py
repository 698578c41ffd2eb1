"""The few looks every page shares, defined once so the pages stay alike."""

ERROR_COLOUR = "#b3261e"  # a problem: nothing was saved
WARNING_COLOUR = "#8a5300"  # worth checking, not blocking
GOOD_COLOUR = "#1b6e2e"

PAGE_TITLE_STYLE = "font-size: 16pt; font-weight: bold;"
ERROR_STYLE = f"color: {ERROR_COLOUR};"
WARNING_STYLE = f"color: {WARNING_COLOUR};"
