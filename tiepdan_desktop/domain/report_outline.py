"""The narrative report (đề cương báo cáo): paragraphs with the forms' figures
filled in, from resources/reports/outline/*.toml.

A placeholder {FORM:N} stands for column (N) of a form, {FORM:tyleK} for the
form's K-th ratio; the loader refuses a placeholder no form can fill.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tiepdan_desktop.domain.report_figures import Ratio, format_number
from tiepdan_desktop.domain.report_spec import FormSpec, SpecError

PLACEHOLDER = re.compile(r"\{([0-9A-Za-z/-]+):(tyle)?(\d+)\}")


@dataclass(frozen=True)
class OutlineTemplate:
    title: str
    subtitle: str
    recipients: tuple[str, ...]
    paragraphs: tuple[str, ...]

    @property
    def forms(self) -> tuple[str, ...]:
        """The forms the outline takes figures from, in order of first use."""
        found: dict[str, None] = {}
        for text in self.paragraphs:
            for match in PLACEHOLDER.finditer(text):
                found.setdefault(match.group(1))
        return tuple(found)

    def fill(
        self, values: Mapping[str, Mapping[int, float]], ratios: Mapping[str, tuple[Ratio, ...]]
    ) -> tuple[str, ...]:
        def figure(match: re.Match[str]) -> str:
            code, is_ratio, number = match.group(1), match.group(2), int(match.group(3))
            if is_ratio:
                percent = ratios[code][number - 1].percent
                return "—" if percent is None else format_number(percent) + "%"
            return format_number(values[code][number])

        return tuple(PLACEHOLDER.sub(figure, text) for text in self.paragraphs)


def parse_outline(
    raw: dict[str, Any], origin: str, forms: Mapping[str, FormSpec]
) -> OutlineTemplate:
    paragraphs = raw.get("paragraphs")
    if not isinstance(paragraphs, list) or not all(isinstance(p, str) for p in paragraphs):
        raise SpecError(f"{origin}: «paragraphs» phải là danh sách đoạn văn.")
    for text in paragraphs:
        for match in PLACEHOLDER.finditer(text):
            code, is_ratio, number = match.group(1), match.group(2), int(match.group(3))
            spec = forms.get(code)
            limit = 0 if spec is None else len(spec.ratios if is_ratio else spec.columns)
            if not 1 <= number <= limit:
                raise SpecError(f"{origin}: «{match.group(0)}» không có trong các biểu.")
    return OutlineTemplate(
        title=str(raw.get("title", "BÁO CÁO")),
        subtitle=str(raw.get("subtitle", "")),
        recipients=tuple(str(line) for line in raw.get("recipients", [])),
        paragraphs=tuple(paragraphs),
    )
