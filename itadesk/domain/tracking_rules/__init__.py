"""Rules for tracking measures through the fiscal year: checking a check item's progress
entry, progress arithmetic, when each step and output is due, overdue items, reporting rounds,
start-page reminders, and the round report with its frozen snapshot.

Due dates. A measure's period is its timeline's bounds (``timeline_bounds``). Expected outputs
are due at the period's end. The n steps are spread over the period in order: the period is cut
into n equal slices and step k is due at the end of the k-th slice, rounded up to the end of a
month for whole-year, quarter and month timelines (offices read "ขั้นตอน ๑) … ๒) …" against
"ไตรมาส ๑–๒" month by month) and to a whole day for date timelines. Example: 4 steps over
ไตรมาส 1–2 of FY2569 (6 months, 1.5 months a slice) are due 30 Nov 2568, 31 Dec 2568,
28 Feb 2569 and 31 Mar 2569.

Round reports say what was true at the round's end: an item done after the round's last day
(e.g. done in April for the 6-month round ending 31 March) counts as not done in that report.
The same ``RoundReport`` value is built from live data (:func:`round_report`) or read back from
a stored snapshot (:func:`snapshot_from_content`), so the document renders both the same way.

Messages are Thai, name the field and say what is allowed; they use Arabic digits (the UI and
documents choose their digits at render time).

The rules live in one module per concern (entries, progress, due, rounds, snapshots,
reminders); this package re-exports their public names, so callers write
``tracking_rules.overdue_items``.
"""

from __future__ import annotations

from itadesk.domain.tracking_rules.common import (
    EN_DASH,
    FIELD_DONE_DATE,
    FIELD_NOTE,
    FIELD_REASON,
    FIELD_STATE,
    NO_THEME,
    NO_THEME_LABEL_TH,
    NOTE_MAX_CHARS,
    DueItem,
    ItemsByMeasure,
    item_label_th,
)
from itadesk.domain.tracking_rules.due import (
    item_due_date,
    overdue_items,
)
from itadesk.domain.tracking_rules.entries import (
    default_done_date,
    done_date_problems,
    round_missed_by_tick,
    tick_date_question_th,
    validate_progress,
)
from itadesk.domain.tracking_rules.progress import (
    EMPTY_PROGRESS,
    Progress,
    measure_progress,
    overall_progress,
    theme_label_th,
    theme_progress,
)
from itadesk.domain.tracking_rules.reminders import (
    DUE_SOON_DAYS,
    OIT_LEAD_DAYS,
    REMINDER_DUE_SOON,
    REMINDER_KINDS,
    REMINDER_OIT_WINDOW,
    REMINDER_OVERDUE,
    REMINDER_ROUND,
    ROUND_REMINDER_DAYS,
    SEVERITIES,
    Reminder,
    Severity,
    default_oit_window,
    reminders,
)
from itadesk.domain.tracking_rules.rounds import (
    REPORT_PREPARATION_DAYS,
    LateItem,
    RoundEvidence,
    RoundItem,
    RoundMeasure,
    RoundReport,
    items_due_in_round,
    late_items,
    late_items_text_th,
    named_item_th,
    round_closing_within,
    round_for,
    round_report,
)
from itadesk.domain.tracking_rules.snapshots import (
    SNAPSHOT_FORMAT,
    report_content,
    snapshot_content,
    snapshot_from_content,
)

__all__ = [
    "DUE_SOON_DAYS",
    "EMPTY_PROGRESS",
    "EN_DASH",
    "FIELD_DONE_DATE",
    "FIELD_NOTE",
    "FIELD_REASON",
    "FIELD_STATE",
    "NOTE_MAX_CHARS",
    "NO_THEME",
    "NO_THEME_LABEL_TH",
    "OIT_LEAD_DAYS",
    "REMINDER_DUE_SOON",
    "REMINDER_KINDS",
    "REMINDER_OIT_WINDOW",
    "REMINDER_OVERDUE",
    "REMINDER_ROUND",
    "REPORT_PREPARATION_DAYS",
    "ROUND_REMINDER_DAYS",
    "SEVERITIES",
    "SNAPSHOT_FORMAT",
    "DueItem",
    "ItemsByMeasure",
    "LateItem",
    "Progress",
    "Reminder",
    "RoundEvidence",
    "RoundItem",
    "RoundMeasure",
    "RoundReport",
    "Severity",
    "default_done_date",
    "default_oit_window",
    "done_date_problems",
    "item_due_date",
    "item_label_th",
    "items_due_in_round",
    "late_items",
    "late_items_text_th",
    "measure_progress",
    "named_item_th",
    "overall_progress",
    "overdue_items",
    "reminders",
    "report_content",
    "round_closing_within",
    "round_for",
    "round_missed_by_tick",
    "round_report",
    "snapshot_content",
    "snapshot_from_content",
    "theme_label_th",
    "theme_progress",
    "tick_date_question_th",
    "validate_progress",
]
