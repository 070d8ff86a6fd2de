"""Structural checks for the GitHub Actions publish workflow."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = REPO_ROOT / ".github" / "workflows" / "publish.yml"

Step = dict[str, Any]


@cache
def workflow() -> dict[Any, Any]:
    """Parse the publish workflow once per test session."""
    with WORKFLOW.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, dict), f"{WORKFLOW} is not a YAML mapping"
    return data


def triggers() -> dict[str, Any]:
    """Return the `on:` mapping; YAML 1.1 parses the bare key `on` as True."""
    wf = workflow()
    on = wf.get("on", wf.get(True))
    assert isinstance(on, dict), "workflow triggers must be a mapping"
    return on


def job(name: str) -> dict[str, Any]:
    """Return the job called `name`, failing clearly if it is missing."""
    jobs = workflow().get("jobs") or {}
    assert name in jobs, f"job {name!r} missing; have {sorted(jobs)}"
    return jobs[name]


def steps(job_name: str) -> list[Step]:
    """Return the steps of a job."""
    result = job(job_name).get("steps") or []
    assert isinstance(result, list) and result, f"job {job_name!r} has no steps"
    return result


def step_using(job_name: str, action: str) -> Step:
    """Return the first step in `job_name` that uses `action` (any version)."""
    for step in steps(job_name):
        if str(step.get("uses", "")).split("@")[0] == action:
            return step
    raise AssertionError(f"no step in {job_name!r} uses {action}")


def step_running(job_name: str, command: str) -> Step:
    """Return the first step in `job_name` whose `run` script contains `command`."""
    for step in steps(job_name):
        if command in str(step.get("run", "")):
            return step
    raise AssertionError(f"no step in {job_name!r} runs {command!r}")


def as_list(value: Any) -> list[Any]:
    """Normalise a scalar-or-list YAML value to a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def normalise_expr(text: str) -> str:
    """Collapse whitespace and quote style so `if:` text compares reliably."""
    return " ".join(str(text).replace('"', "'").split())


def test_triggers_include_pr_push_schedule_and_manual() -> None:
    """PRs, pushes to main, the daily schedule and manual runs all trigger."""
    on = triggers()
    for event in ("pull_request", "push", "schedule", "workflow_dispatch"):
        assert event in on, f"missing trigger {event!r}"
    assert "main" in as_list((on["push"] or {}).get("branches"))


def test_schedule_runs_daily_at_2230_utc() -> None:
    """22:30 UTC is 06:30 in Shanghai, when that day's posts should appear."""
    crons = [entry.get("cron") for entry in as_list(triggers()["schedule"])]
    assert "30 22 * * *" in crons


def test_top_level_permissions_are_read_only() -> None:
    """The default token may only read repository contents."""
    assert workflow().get("permissions") == {"contents": "read"}


def test_concurrency_group_is_set() -> None:
    """Runs are grouped so overlapping deploys cannot race."""
    concurrency = workflow().get("concurrency") or {}
    assert isinstance(concurrency, dict) and concurrency.get("group")


def test_build_checks_out_repository() -> None:
    """The build job checks out the source."""
    step_using("build", "actions/checkout")


def test_no_checkout_keeps_credentials() -> None:
    """zizmor's artipacked: a checkout must not leave the token in .git for later steps."""
    for job in workflow()["jobs"]:
        for step in steps(job):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert (step.get("with") or {}).get("persist-credentials") is False, job


def test_build_sets_up_python_with_pip_cache() -> None:
    """Python is installed with pip caching enabled."""
    with_ = step_using("build", "actions/setup-python").get("with") or {}
    assert with_.get("cache") == "pip"


def test_build_runs_tests() -> None:
    """`make test` runs before publishing."""
    step_running("build", "make test")


def test_build_builds_site() -> None:
    """`make site` produces the site."""
    step_running("build", "make site")


def test_build_uploads_site_directory() -> None:
    """The built `site` directory is uploaded as the Pages artifact."""
    with_ = step_using("build", "actions/upload-pages-artifact").get("with") or {}
    assert str(with_.get("path", "")).rstrip("/") == "site"


def test_deploy_needs_build() -> None:
    """Deployment waits for a successful build."""
    assert "build" in as_list(job("deploy").get("needs"))


def test_deploy_only_on_main_and_never_for_pull_requests() -> None:
    """Only main-branch, non-PR runs may publish."""
    condition = normalise_expr(job("deploy").get("if", ""))
    assert "github.event_name != 'pull_request'" in condition
    assert "github.ref == 'refs/heads/main'" in condition


def test_deploy_permissions_are_exactly_pages_and_id_token() -> None:
    """Deploy gets just the rights Pages deployment needs."""
    assert job("deploy").get("permissions") == {"pages": "write", "id-token": "write"}


def test_deploy_uses_github_pages_environment() -> None:
    """Deploying through the github-pages environment applies its protections."""
    environment = job("deploy").get("environment")
    name = environment.get("name") if isinstance(environment, dict) else environment
    assert name == "github-pages"


def test_deploy_uses_deploy_pages_action() -> None:
    """The deploy job publishes with actions/deploy-pages."""
    step_using("deploy", "actions/deploy-pages")


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    """zizmor's unpinned-uses: a tag can be moved to other code; a full commit SHA cannot.

    The version stays readable in a trailing comment (``# v4.2.2``), which Dependabot updates with the SHA.
    """
    text = WORKFLOW.read_text(encoding="utf-8")
    uses = re.findall(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", text, flags=re.MULTILINE)
    assert len(uses) >= 9
    for ref, rest in uses:
        action, _, version = ref.partition("@")
        assert re.fullmatch(r"[0-9a-f]{40}", version), f"{action} is not pinned to a commit: @{version}"
        assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", rest), f"{action}@{version}: add the version as a comment (# vX.Y.Z)"
