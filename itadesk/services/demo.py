"""An invented sample office with three fiscal years of scores, for trying the app and for
tests. The office, its people and its figures are made up; none is one of the seed offices."""

from __future__ import annotations

from decimal import Decimal

from itadesk.domain.office import OfficeProfile, Person, Role, Unit
from itadesk.services import Services

DEMO_OFFICE = OfficeProfile(
    name="องค์การบริหารส่วนตำบลหนองตัวอย่าง",
    kind="องค์การบริหารส่วนตำบล",
    district="เมืองสมมุติ",
    province="ตัวอย่าง",
    phone="0 4200 0000",
    doc_prefix="ตย 70001",
    units=(
        Unit("สำนักปลัด"),
        Unit("กองคลัง"),
        Unit("กองช่าง"),
        Unit("กองการศึกษา ศาสนาและวัฒนธรรม"),
    ),
    people=(
        Person("สมหญิง ตั้งใจงาน", "นักทรัพยากรบุคคลชำนาญการ", role=Role.AUTHOR),
        Person("สมชาย ใจดี", "หัวหน้าสำนักปลัด", rank_prefix="พ.จ.อ.", role=Role.UNIT_HEAD),
        Person("วิภาวรรณ รักษ์ธรรม", "ปลัดองค์การบริหารส่วนตำบลหนองตัวอย่าง", role=Role.PALAT),
        Person("ประเสริฐ มั่นคง", "นายกองค์การบริหารส่วนตำบลหนองตัวอย่าง", role=Role.NAYOK),
    ),
)

# Indicator scores 1–10 per year (invented, chosen to show a rise and a rating change).
DEMO_SCORES: dict[int, tuple[str, ...]] = {
    2566: (
        "92.52",
        "88.40",
        "93.10",
        "90.28",
        "91.02",
        "72.10",
        "73.64",
        "69.80",
        "93.33",
        "84.62",
    ),
    2567: (
        "93.80",
        "90.15",
        "94.02",
        "91.40",
        "92.35",
        "80.22",
        "82.10",
        "79.95",
        "96.67",
        "92.31",
    ),
    2568: ("96.20", "95.48", "97.03", "95.90", "96.12", "88.45", "90.02", "84.60", "100", "96.15"),
}
DEMO_OFFICIAL_TOTALS = {2568: "94.38"}


def _item_score(code: str) -> Decimal:
    """A stable, invented item score: OIT items pass or fail, perception items vary."""
    number = int(code[1:])
    if code.startswith("O"):
        return Decimal(0) if number in (7, 37, 41) else Decimal(100)
    base = 70 + (number * 37) % 28
    return Decimal(base) + Decimal((number * 13) % 100) / 100


def create_demo(services: Services) -> None:
    """Fill an empty database with the sample office; refuses a database that has data."""
    from itadesk.errors import UserError

    if services.repository.fiscal_years() or services.office.profile().name:
        raise UserError("ฐานข้อมูลนี้มีข้อมูลอยู่แล้ว — สร้างข้อมูลตัวอย่างได้เฉพาะในไฟล์ใหม่")
    services.office.save(DEMO_OFFICE)
    for year, values in DEMO_SCORES.items():
        services.scores.set_indicator_scores(
            year, {number: value for number, value in enumerate(values, start=1)}
        )
        framework = services.frameworks.get(year)
        if framework.items:
            services.scores.set_item_scores(
                year, {item.code: _item_score(item.code) for item in framework.items}
            )
    for year, total in DEMO_OFFICIAL_TOTALS.items():
        services.scores.set_official_total(year, total)
