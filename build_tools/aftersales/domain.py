"""After-sales as a domain of the build (see :mod:`build_tools.site.domain`): satisfaction surveys (content/surveys/
files are data for generated pages) and the feedback widget on every page."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import Report
from ..core.settings import Settings
from ..site.domain import Domain, Loading
from .feedback import FEEDBACK_SCRIPT_URI, feedback_context
from .survey_load import load_surveys, survey_uris
from .survey_pages import SCRIPT_URI, generate_surveys, survey_files, survey_problems

if TYPE_CHECKING:
    from ..site.content import Content


def load(at: Loading) -> None:
    """Satisfaction surveys (content/surveys/<slug>.yml)."""
    at.content.surveys = load_surveys(at.paths.docs_dir, at.paths.rel, at.docs_files, at.report)


def check(content: Content, settings: Settings, report: Report, authored: Collection[str]) -> tuple[str, ...]:
    """A survey that could not be submitted must not be published."""
    survey_problems(content, settings, report)
    return ()


ASSETS = Path(__file__).parents[1] / "assets"

DOMAIN = Domain(
    name="aftersales",
    data_uris=survey_uris,
    load=load,
    generate=lambda i: generate_surveys(i.content, i.settings),
    withheld=lambda content, settings: survey_files(content),
    check=check,
    globals=lambda i: {"dealer_feedback": feedback_context(i.settings)},
    assets=((SCRIPT_URI, ASSETS / "survey.js"), (FEEDBACK_SCRIPT_URI, ASSETS / "feedback.js")),
)
