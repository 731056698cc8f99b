"""The report forms (resources/reports/*.toml), the narrative outline and the
office's reporting settings.

Support for services/reports.py, not an action of its own.
"""

from __future__ import annotations

import json
import tomllib
from functools import cache
from pathlib import Path

from sqlalchemy.orm import Session

from tiepdan_desktop.db.base import utc_now
from tiepdan_desktop.db.models import Setting
from tiepdan_desktop.db.repositories.calendar import setting_text
from tiepdan_desktop.domain.errors import ValidationError
from tiepdan_desktop.domain.report_outline import OutlineTemplate, parse_outline
from tiepdan_desktop.domain.report_periods import CutoffMode, ReportSettings
from tiepdan_desktop.domain.report_spec import FormSpec, SpecError, parse_form_spec
from tiepdan_desktop.resources import resource_path

SETTINGS_KEY = "bao_cao"


def read_form_specs(folder: Path) -> dict[str, FormSpec]:
    """Every spec file of a folder by form code; SpecError names a bad file."""
    forms: dict[str, FormSpec] = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise SpecError(f"{path.name}: không đọc được ({error}).") from None
        spec = parse_form_spec(raw, path.name)
        if spec.code in forms:
            raise SpecError(f"{path.name}: biểu {spec.code} đã có ở {forms[spec.code].origin}.")
        forms[spec.code] = spec
    return forms


@cache
def form_specs() -> dict[str, FormSpec]:
    """The bundled forms, read once."""
    return read_form_specs(resource_path("reports"))


@cache
def outline_template() -> OutlineTemplate:
    """The narrative report's paragraphs (resources/reports/outline/de-cuong.toml)."""
    path = resource_path("reports", "outline", "de-cuong.toml")
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return parse_outline(raw, path.name, form_specs())


def form_spec(code: str) -> FormSpec:
    forms = form_specs()
    spec = forms.get(code.strip().upper())
    if spec is None:
        known = ", ".join(forms)
        raise ValidationError({"form": f"Không có biểu «{code}»; các biểu có: {known}."})
    return spec


def report_settings(session: Session) -> ReportSettings:
    text = setting_text(session, SETTINGS_KEY)
    if text is None:
        return ReportSettings()
    raw = json.loads(text)
    settings = ReportSettings(
        cutoff=CutoffMode(raw.get("cutoff", CutoffMode.REPORTING.value)),
        start_day=int(raw.get("start_day", 15)),
    )
    return ReportSettings() if settings.problems() else settings


def store_report_settings(session: Session, settings: ReportSettings) -> None:
    value = json.dumps(
        {"cutoff": settings.cutoff.value, "start_day": settings.start_day}, sort_keys=True
    )
    row = session.get(Setting, SETTINGS_KEY)
    if row is None:
        session.add(Setting(key=SETTINGS_KEY, value_json=value, updated_at=utc_now()))
    else:
        row.value_json = value
        row.updated_at = utc_now()
