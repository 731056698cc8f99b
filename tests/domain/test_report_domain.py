"""Reporting periods (LEGAL.md §6.3), the spec files' rules, and the figures'
checks on records made up here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tiepdan_desktop.domain.errors import ValidationError
from tiepdan_desktop.domain.report_figures import (
    Fact,
    FactSet,
    Ratio,
    RegisterCount,
    changes_since,
    check_figures,
    compute_cells,
    format_number,
    ratios_of,
)
from tiepdan_desktop.domain.report_outline import parse_outline
from tiepdan_desktop.domain.report_periods import (
    CutoffMode,
    PeriodKind,
    ReportSettings,
    custom_period,
    make_period,
    month_spans,
    parse_period,
    period_containing,
)
from tiepdan_desktop.domain.report_spec import SpecError, parse_form_spec
from tiepdan_desktop.services.report_specs import read_form_specs

D = dt.date
CALENDAR = ReportSettings(CutoffMode.CALENDAR)


@pytest.mark.parametrize(
    ("text", "first", "last", "title"),
    [
        ("2026-10", D(2026, 9, 15), D(2026, 10, 14), "Tháng 10/2026"),
        ("2026-1", D(2025, 12, 15), D(2026, 1, 14), "Tháng 1/2026"),
        ("2026-Q1", D(2025, 12, 15), D(2026, 3, 14), "Quý I năm 2026"),
        ("2026-q3", D(2026, 6, 15), D(2026, 9, 14), "Quý III năm 2026"),
        ("2026-H1", D(2025, 12, 15), D(2026, 6, 14), "6 tháng đầu năm 2026"),
        ("2026-9M", D(2025, 12, 15), D(2026, 9, 14), "9 tháng năm 2026"),
        ("2026", D(2025, 12, 15), D(2026, 12, 14), "Năm 2026"),
        ("2026-02-01:2026-02-28", D(2026, 2, 1), D(2026, 2, 28), "Từ 01/02/2026 đến 28/02/2026"),
    ],
)
def test_periods_under_the_reporting_cutoff(
    text: str, first: dt.date, last: dt.date, title: str
) -> None:
    period = parse_period(text)
    assert (period.first, period.last, period.title) == (first, last, title)
    assert parse_period(period.code) == period
    assert period.data_range == (f"Số liệu tính từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}")


def test_periods_in_calendar_months_and_another_start_day() -> None:
    assert parse_period("2026-02", CALENDAR).last == D(2026, 2, 28)
    quarter = parse_period("2026-Q4", CALENDAR)
    assert (quarter.first, quarter.last) == (D(2026, 10, 1), D(2026, 12, 31))
    assert parse_period("2026", CALENDAR).first == D(2026, 1, 1)
    twentieth = ReportSettings(start_day=20)
    month = parse_period("2026-03", twentieth)
    assert (month.first, month.last) == (D(2026, 2, 20), D(2026, 3, 19))
    assert ReportSettings(start_day=1).problems() and not twentieth.problems()


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-Q5", "2026-H2", "26", "2026-10-01:2026-09-01", "x:y", "abc", "1999"]
)
def test_wrong_periods_are_refused_in_vietnamese(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_period(text)
    assert refused.value.fields["period"]


def test_labels_and_membership() -> None:
    assert PeriodKind.NINE_MONTHS.label == "9 tháng"
    assert "ngày 15" in CutoffMode.REPORTING.label and "ngày 1" in CutoffMode.CALENDAR.label
    october = parse_period("2026-10")
    assert october.contains(D(2026, 9, 15)) and not october.contains(D(2026, 10, 15))
    with pytest.raises(ValidationError, match="Quý 5"):
        make_period(PeriodKind.QUARTER, 2026, 5)


def test_long_custom_ranges_and_custom_kind_need_dates() -> None:
    with pytest.raises(ValidationError):
        custom_period(D(2020, 1, 1), D(2026, 1, 1))
    with pytest.raises(ValidationError):
        make_period(PeriodKind.CUSTOM, 2026)


@pytest.mark.parametrize(
    ("kind", "day", "code"),
    [
        (PeriodKind.MONTH, D(2026, 10, 14), "2026-10"),
        (PeriodKind.MONTH, D(2026, 10, 15), "2026-11"),
        (PeriodKind.MONTH, D(2026, 12, 20), "2027-01"),
        (PeriodKind.QUARTER, D(2026, 12, 3), "2026-Q4"),
        (PeriodKind.QUARTER, D(2026, 12, 15), "2027-Q1"),
        (PeriodKind.HALF_YEAR, D(2026, 3, 1), "2026-H1"),
        (PeriodKind.YEAR, D(2026, 12, 3), "2026"),
        (PeriodKind.CUSTOM, D(2026, 12, 3), "2026"),
    ],
)
def test_the_period_a_day_falls_in(kind: PeriodKind, day: dt.date, code: str) -> None:
    assert period_containing(kind, day).code == code


def test_calendar_period_containing_december() -> None:
    assert period_containing(PeriodKind.MONTH, D(2026, 12, 20), CALENDAR).code == "2026-12"


# --- specs -------------------------------------------------------------------------


def _spec(**changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "code": "99/TEST",
        "title": "BIỂU THỬ",
        "regime": "Thử",
        "columns_follow": "Thử",
        "source": "visit",
        "column": [
            {"no": 1, "header": ["Tổng"], "parts": [2, 3]},
            {"no": 2, "header": ["Nhóm", "Thường xuyên"], "where": {"reception": "thuong_xuyen"}},
            {
                "no": 3,
                "header": ["Nhóm", "Chủ tịch"],
                "where": {"reception": ["thu_truong", "uy_quyen"]},
            },
            {"no": 4, "header": ["Người"], "count": "sum:persons"},
            {"no": 5, "header": ["Vụ việc"], "count": "distinct:matter"},
        ],
        "ratio": [{"label": "Tỷ lệ thường xuyên", "of": 2, "over": 1}],
        "check": [{"total": 4, "parts": [4]}],
    }
    raw.update(changes)
    return raw


def _column(number: int, **changes: Any) -> dict[str, Any]:
    column = dict(_spec()["column"][number - 1])
    column.update(changes)
    return column


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "thiếu «title»"),
        ({"column": []}, "chưa có cột"),
        ({"source": "nowhere"}, "nguồn số liệu «nowhere» không có"),
        ({"column": [_column(1, no=2)]}, "phải có «no = 1»"),
        ({"column": [_column(1, header="Tổng")]}, "«header» phải là danh sách"),
        ({"column": [_column(2, no=1, where={"colour": "do"})]}, "«colour» không có"),
        ({"column": [_column(2, no=1, where={"reception": "x"})]}, "không nhận giá trị x"),
        ({"column": [_column(2, no=1, where=["a"])]}, "«where» phải là bảng"),
        ({"column": [_column(1, parts=[1])]}, "cột thành phần (1) sai"),
        ({"column": [_column(1, parts="2")]}, "«parts» phải là danh sách"),
        ({"column": [_column(4, no=1, count="sum:age")]}, "không dùng được"),
        ({"column": [_column(4, no=1, count="average")]}, "cách đếm «average» không có"),
        ({"ratio": [{"label": "X", "of": 9, "over": 1}]}, "tỷ lệ «X» sai cột"),
        ({"check": [{"total": 1, "parts": [9]}]}, "phép kiểm tra (1)"),
        (
            {
                "column": [
                    _column(2, no=1),
                    _column(4, no=2),
                    _column(3, no=3),
                ]
            },
            "nhóm tiêu đề «Nhóm» bị tách rời",
        ),
    ],
)
def test_a_spec_that_cannot_be_used_is_refused_with_the_place(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(SpecError, match=r"^thu\.toml") as refused:
        parse_form_spec(_spec(**changes), "thu.toml")
    assert message in str(refused.value)


def test_spec_folders_refuse_broken_toml_and_duplicate_codes(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('code = "01/X"\n', encoding="utf-8")
    with pytest.raises(SpecError, match=r"a\.toml: thiếu"):
        read_form_specs(tmp_path)
    (tmp_path / "a.toml").write_text("code = [", encoding="utf-8")
    with pytest.raises(SpecError, match=r"a\.toml: không đọc được"):
        read_form_specs(tmp_path)


# --- figures and checks -------------------------------------------------------------


def _visit(key: str, reception: str, persons: float = 1, matter: str = "") -> Fact:
    return Fact(
        "visit", key, f"lượt {key}", {"reception": reception}, {"persons": persons}, matter or key
    )


def _figures(facts: list[Fact], count: int | None = None) -> tuple[Any, Any, Any]:
    spec = parse_form_spec(_spec(), "thu.toml")
    total = len({f.key for f in facts}) if count is None else count
    fact_sets = {"visit": FactSet(tuple(facts), (RegisterCount("trong kỳ", total),))}
    cells = compute_cells(spec, fact_sets)
    return spec, cells, check_figures(spec, fact_sets, cells)


def test_figures_counts_sums_distinct_and_ratios() -> None:
    spec, cells, failures = _figures(
        [
            _visit("a", "thuong_xuyen", 3, "m1"),
            _visit("b", "thuong_xuyen", 1.5, "m1"),
            _visit("c", "uy_quyen", 0, "m2"),
        ]
    )
    assert failures == []
    assert spec.depth == 2 and spec.sources == {"visit"}
    assert {n: c.value for n, c in cells.items()} == {1: 3, 2: 2, 3: 1, 4: 4.5, 5: 2}
    assert cells[4].records == ("a", "b")  # a zero amount is not "behind" the sum
    (ratio,) = ratios_of(spec, {n: c.value for n, c in cells.items()})
    assert ratio.text() == "Tỷ lệ thường xuyên: 66,7% (2/3)"
    assert ratios_of(spec, {1: 0, 2: 0})[0].text() == "Tỷ lệ thường xuyên: — (0/0)"


def test_a_record_outside_every_part_is_named() -> None:
    _, _, failures = _figures([_visit("a", "thuong_xuyen"), _visit("z", "khac")])
    (failure,) = failures
    assert failure.cell == "Ô (1) «Tổng»"
    assert "bằng 2 nhưng (2)+(3) = 1" in failure.message
    assert "không ở cột thành phần nào: lượt z" in failure.message
    assert failure.records == ("z",)


def test_parts_that_overlap_or_exceed_the_total_are_named() -> None:
    raw = _spec()
    raw["column"][2]["where"] = {}  # (3) counts every visit, (2) too
    spec = parse_form_spec(raw, "thu.toml")
    facts = {"visit": FactSet((_visit("a", "thuong_xuyen"),), (RegisterCount("trong kỳ", 1),))}
    cells = compute_cells(spec, facts)
    (failure,) = check_figures(spec, facts, cells)
    assert "Bị tính hai lần ở các cột thành phần: lượt a" in failure.message
    raw["column"][0]["where"] = {"reception": "uy_quyen"}
    spec = parse_form_spec(raw, "thu.toml")
    cells = compute_cells(spec, facts)
    (failure,) = check_figures(spec, facts, cells)
    assert "Có ở cột thành phần mà không ở (1): lượt a" in failure.message


def test_duplicates_and_a_wrong_register_count_are_caught() -> None:
    many = [_visit(f"k{i:02d}", "thuong_xuyen") for i in range(12)]
    _, _, failures = _figures(many + many, count=12)
    texts = [failure.text() for failure in failures]
    assert texts[0].startswith("Số liệu lượt tiếp: có bản ghi bị đọc hai lần: lượt k00")
    assert texts[0].endswith("và 2 bản ghi khác.")
    assert "Ô (1) «Tổng»: bằng 24 nhưng có 12 lượt tiếp khác nhau." in texts
    _, _, failures = _figures(many, count=13)
    assert [f.text() for f in failures] == [
        "Số liệu lượt tiếp: đọc được 12 lượt tiếp trong kỳ nhưng sổ có 13."
    ]


def test_changes_since_a_snapshot_name_added_and_removed_records() -> None:
    spec, before, _ = _figures([_visit("a", "thuong_xuyen"), _visit("b", "uy_quyen")])
    _, after, _ = _figures([_visit("a", "thuong_xuyen"), _visit("c", "thuong_xuyen")])
    labels = {"a": "lượt a", "b": "lượt b", "c": "lượt c"}
    changes = changes_since(
        spec,
        {n: c.value for n, c in before.items()},
        {n: c.records for n, c in before.items()},
        after,
        labels,
    )
    by_number = {change.number: change for change in changes}
    assert set(by_number) == {1, 2, 3, 4, 5}
    assert (by_number[1].frozen, by_number[1].current) == (2, 2)
    assert by_number[1].added == ("lượt c",) and by_number[1].removed == ("lượt b",)
    assert by_number[2].added == ("lượt c",) and by_number[3].removed == ("lượt b",)
    unchanged = changes_since(
        spec,
        {n: c.value for n, c in after.items()},
        {n: c.records for n, c in after.items()},
        after,
        labels,
    )
    assert unchanged == ()


def test_numbers_are_written_the_vietnamese_way() -> None:
    assert format_number(1234567) == "1.234.567"
    assert format_number(1234.5) == "1.234,5"
    assert format_number(0.25) == "0,25"


def test_outline_placeholders_must_name_a_form_column_or_ratio() -> None:
    spec = parse_form_spec(_spec(), "thu.toml")
    forms = {"99/TEST": spec}
    outline = parse_outline(
        {"paragraphs": ["Tổng {99/TEST:1}, người {99/TEST:4}; tỷ lệ {99/TEST:tyle1}."]},
        "dc.toml",
        forms,
    )
    assert outline.forms == ("99/TEST",)
    ratio = Ratio("Tỷ lệ", 1, 3)
    assert outline.fill({"99/TEST": {1: 1234, 4: 2.5}}, {"99/TEST": (ratio,)}) == (
        "Tổng 1.234, người 2,5; tỷ lệ 33,3%.",
    )
    empty = Ratio("Tỷ lệ", 0, 0)
    assert outline.fill({"99/TEST": {1: 0, 4: 0}}, {"99/TEST": (empty,)})[0].endswith("tỷ lệ —.")
    for wrong in ("{99/TEST:9}", "{99/TEST:tyle2}", "{01/XX:1}"):
        with pytest.raises(SpecError, match="không có trong các biểu"):
            parse_outline({"paragraphs": [wrong]}, "dc.toml", forms)
    with pytest.raises(SpecError, match="danh sách đoạn văn"):
        parse_outline({"paragraphs": "x"}, "dc.toml", forms)


def test_month_spans_follow_the_reporting_months() -> None:
    quarter = parse_period("2026-Q1")
    spans = month_spans(quarter)
    assert [(s.first, s.last) for s in spans] == [
        (D(2025, 12, 15), D(2026, 1, 14)),
        (D(2026, 1, 15), D(2026, 2, 14)),
        (D(2026, 2, 15), D(2026, 3, 14)),
    ]
    assert len(month_spans(parse_period("2026"))) == 12
    assert len(month_spans(parse_period("2026-9M"))) == 9
    monthly = month_spans(parse_period("2026-02"))
    assert len(monthly) == 12 and monthly[-1].code == "2026-02" and monthly[0].code == "2025-03"
    custom = month_spans(parse_period("2026-01-20:2026-03-05"))
    assert [(s.first, s.last) for s in custom] == [
        (D(2026, 1, 20), D(2026, 1, 31)),
        (D(2026, 2, 1), D(2026, 2, 28)),
        (D(2026, 3, 1), D(2026, 3, 5)),
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": "01/tcd"}, "phải viết như 01/TCD"),
        ({"code": "01:TCD"}, "phải viết như 01/TCD"),
        ({"ratio": [{"label": "X", "over": 1}]}, "tỷ lệ «X» sai cột"),
        ({"ratio": [{"label": "X", "of": "a", "over": 1}]}, "«of» phải là số nguyên"),
        ({"annex_column": 1}, "«annex_column» phải là một cột đếm đơn"),
        ({"annex_column": "1"}, "«annex_column» phải là số nguyên"),
        ({"column": [_column(1, parts=[], decimals="x")]}, "«decimals» phải là số nguyên"),
    ],
)
def test_a_spec_with_a_wrong_code_or_number_is_refused(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(SpecError) as refused:
        parse_form_spec(_spec(**changes), "thu.toml")
    assert message in str(refused.value)


def test_the_fingerprint_follows_what_is_counted_not_the_wording() -> None:
    spec = parse_form_spec(_spec(), "thu.toml")
    reworded = parse_form_spec(_spec(title="BIỂU KHÁC"), "thu.toml")
    raw = _spec()
    raw["column"][1]["where"] = {"reception": "uy_quyen"}
    recounted = parse_form_spec(raw, "thu.toml")
    assert spec.fingerprint() == reworded.fingerprint() != recounted.fingerprint()
