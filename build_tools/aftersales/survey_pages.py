"""Stage 2 for surveys: a page per survey at ``survey/<slug>/`` and its thank-you page at ``survey/<slug>/thanks/``.

The pages are for the customers staff send a link to (``survey-link``): not in the
navigation, not in the search index or the sitemap, ``noindex`` for search engines. The
page is static; ``assets/survey.js`` reads the visit from the link's query (only the
keys of :data:`CONTEXT_KEYS`, each checked against the rules below) and submits the form
with ``fetch``; without JavaScript the form posts to the endpoint by itself and the
dealer's form service sends the customer to the thank-you page named in ``redirect``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from ..core.actions import SERVICE, PageActions
from ..core.errors import Report
from ..core.pages import GeneratedPage, Rendered, SearchDoc
from ..core.settings import Settings
from .survey_records import COMMENT_MAX, CONTEXT_KEYS, VISIT_CODE_JS, Survey

if TYPE_CHECKING:  # the record of all content, which holds this domain's records
    from ..site.content import Content

SCRIPT_URI = "assets/dealer/survey.js"



@dataclass(frozen=True, kw_only=True)
class SurveyPage(GeneratedPage):
    """One survey: the visit it is about (filled in by the browser), the questions, a form that submits without JavaScript."""

    template = "aftersales/survey.html"
    in_sitemap: ClassVar[bool] = False
    survey: Survey
    action: str
    method: str
    thanks_url: str  # absolute: the form service redirects there
    stores: dict[str, str]  # location id → name, for the visit line

    def context(self) -> dict[str, Any]:
        return {"survey": {
            "record": self.survey, "action": self.action, "method": self.method, "thanks_url": self.thanks_url,
            "script": SCRIPT_URI, "comment_max": COMMENT_MAX,
            # What survey.js may read from the link, and how each value must look.
            "rules": {"keys": CONTEXT_KEYS, "stores": self.stores, "services": list(self.survey.services),
                      "visit": VISIT_CODE_JS},
        }}

    def meta(self) -> dict[str, Any]:
        return {**super().meta(), "hide": ["navigation", "toc"]}

    def search_record(self, rendered: Rendered, title: str, section: str) -> SearchDoc | None:
        return None  # reached through the link staff send, never by searching

    def actions(self) -> PageActions:
        return PageActions(SERVICE)


@dataclass(frozen=True, kw_only=True)
class SurveyThanksPage(GeneratedPage):
    """Where the form service sends a customer who submitted without JavaScript."""

    template = "aftersales/survey-thanks.html"
    in_sitemap: ClassVar[bool] = False
    survey: Survey

    def context(self) -> dict[str, Any]:
        return {"survey": {"record": self.survey}}

    def meta(self) -> dict[str, Any]:
        return {**super().meta(), "hide": ["navigation", "toc"]}

    def search_record(self, rendered: Rendered, title: str, section: str) -> SearchDoc | None:
        return None

    def actions(self) -> PageActions:
        return PageActions(SERVICE)


def generate_surveys(content: Content, settings: Settings) -> list[GeneratedPage]:
    """The pages of every survey; none without a survey endpoint (``make check`` and the build refuse that, see :func:`survey_problems`)."""
    endpoint = settings.survey_endpoint
    if endpoint is None:
        return []
    stores = {location.id: location.name for location in content.locations}
    pages: list[GeneratedPage] = []
    for survey in content.surveys:
        base = f"survey/{survey.slug}"
        pages.append(SurveyPage(
            uri=f"{base}/index.md", title=survey.title, description="售后服务回访问卷", survey=survey,
            action=settings.endpoint_action(endpoint), method=endpoint.method.lower(),
            thanks_url=settings.absolute(survey.thanks_url), stores=stores,
        ))
        pages.append(SurveyThanksPage(uri=f"{base}/thanks.md", title="感谢您的反馈", survey=survey))
    return pages


def survey_files(content: Content) -> list[str]:
    """Source URIs of the survey files: data for the pages above, never published as written."""
    return [survey.src_uri for survey in content.surveys]


def survey_problems(content: Content, settings: Settings, report: Report) -> None:
    """A survey that could not be submitted must not be published: without ``survey_endpoint`` each one is an error."""
    if settings.survey_endpoint is not None:
        return
    for survey in content.surveys:
        report.error(survey.source, 1, "survey_endpoint", f"问卷无处提交：{settings.config_name} 没有配置 survey_endpoint",
                     f"在 {settings.config_name} 的 plugins → dealer 下写 survey_endpoint: {{url: https://…, method: POST}}（经销商表单服务的地址），或删除这个问卷文件")
