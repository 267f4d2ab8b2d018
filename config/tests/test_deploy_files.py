"""The full-stack files are checked statically (no container engine runs here): make test
validates docker-compose.yml against the Compose specification's schema (check-jsonschema) and
lints the Dockerfile (hadolint); these tests hold what the schema and linter cannot know."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent
APP_SERVICES = ("web", "events", "worker-media", "worker-default", "beat")
# Modules whose reads are not settings of the platform: tests and measurement scripts.
NOT_SETTINGS = ("tests", "bench", "docs", ".venv", "node_modules")


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def dockerfile_stages() -> dict[str, str]:
    """Each stage's instructions, by stage name, in file order."""
    stages: dict[str, str] = {}
    name = ""
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        match = re.match(r"FROM \S+ AS (\S+)", line)
        if match:
            name = match.group(1)
            stages[name] = ""
        if name:
            stages[name] += line + "\n"
    return stages


def test_compose_runs_every_store_and_process_with_shared_media():
    services = compose()["services"]
    workers = {"worker-media": "media", "worker-default": "default"}
    assert set(services) == {
        *("mongo", "redis", "postgres", "nginx", "web", "events", "beat", "test"),
        *workers,
    }
    assert services["mongo"]["image"] == "mongo:7"
    assert "--replSet" in services["mongo"]["command"]
    assert "rs.initiate" in " ".join(services["mongo"]["healthcheck"]["test"])
    assert services["redis"]["image"] == "redis:7"
    assert services["redis"]["command"][:3] == ["redis-server", "--appendonly", "yes"]
    assert "redis:/data" in services["redis"]["volumes"]
    assert services["postgres"]["image"].startswith("postgres:")
    for name in APP_SERVICES:
        service = services[name]
        env = service["environment"]
        assert service["build"]["target"] == "runtime"
        assert env["MONGODB_URI"].startswith("mongodb://mongo:27017/")
        assert "replicaSet=rs0" in env["MONGODB_URI"]
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        assert env["DATABASE_URL"].startswith("postgres://")
        assert "data:/data" in service["volumes"]
        assert env["MEDIA_ROOT"].startswith("/data/")
        assert env["MEDIA_WORK_DIR"].startswith("/data/")
        assert env["LOG_FORMAT"] == "json"
        assert {"mongo", "redis", "postgres"} <= set(service["depends_on"])
    assert "gunicorn config.wsgi:application" in services["web"]["command"]
    assert "migrate" in services["web"]["command"]
    assert "/readyz" in " ".join(services["web"]["healthcheck"]["test"])
    for name, queue in workers.items():
        command = services[name]["command"]
        assert command[:4] == ["celery", "-A", "config", "worker"]
        assert command[command.index("-Q") + 1] == queue
    assert "DatabaseScheduler" in " ".join(services["beat"]["command"])
    assert services["beat"]["depends_on"]["web"]["condition"] == "service_healthy"


def test_one_origin_sends_the_event_streams_to_the_asgi_service_and_the_rest_to_web():
    services = compose()["services"]
    front, events = services["nginx"], services["events"]
    assert {name for name, service in services.items() if "ports" in service} == {"nginx"}
    assert events["command"][:2] == ["gunicorn", "config.asgi:application"]
    assert events["command"][-2:] == ["--worker-class", "config.asgi_server.Worker"]
    assert front["environment"]["NGINX_UPSTREAM"] == "web:8000"
    assert front["environment"]["NGINX_EVENTS_UPSTREAM"] == "events:8000"
    assert services["web"]["environment"]["TRUSTED_PROXY_COUNT"].startswith("${")
    conf = (ROOT / "deploy/nginx/templates/default.conf.template").read_text()
    stream = re.search(r"location = /api/v1/events \{(.*?)\}", conf, re.S).group(1)
    assert "proxy_pass http://streamsphere_events;" in stream and "proxy_buffering off;" in stream
    rest = re.search(r"location / \{(.*?)\}", conf, re.S).group(1)
    assert "proxy_pass http://streamsphere_web;" in rest


def test_every_process_that_counts_has_its_own_metrics_directory_on_one_volume():
    services = compose()["services"]
    counting = ("web", "events", *(name for name in services if name.startswith("worker-")))
    directories = [services[name]["environment"]["PROMETHEUS_MULTIPROC_DIR"] for name in counting]
    assert len(set(directories)) == len(directories)
    assert {str(Path(directory).parent) for directory in directories} == {"/metrics"}
    for name in counting:
        assert "metrics:/metrics" in services[name]["volumes"]


def test_the_suite_runs_inside_the_stack_against_its_mongo_and_a_redis_database_of_its_own():
    test = compose()["services"]["test"]
    assert test["build"]["target"] == "test"
    assert test["profiles"] == ["test"]
    env = test["environment"]
    assert env["MONGODB_URI"].startswith("mongodb://mongo:27017/")
    # The suite empties its Redis database: never the one the stack's services use.
    assert env["REDIS_URL"].startswith("redis://redis:6379/")
    assert env["REDIS_URL"] != "redis://redis:6379/0"
    assert "DJANGO_SETTINGS_MODULE" not in env


def test_image_has_a_slim_runtime_and_a_test_stage():
    stages = dockerfile_stages()
    assert list(stages) == ["base", "test", "runtime"], "runtime is the default (last) target"
    base, test, runtime = stages["base"], stages["test"], stages["runtime"]
    assert base.startswith("FROM python:3.11-slim")
    assert "ffmpeg" in base and "requirements.txt" in base
    assert "chromium" not in base + runtime and "requirements-dev.txt" not in base + runtime
    for stage in (test, runtime):
        assert re.search(r"^USER 1000", stage, re.M), "runs as the unprivileged user"
        assert 'ENTRYPOINT ["/app/scripts/container-entrypoint.sh"]' in stage
    assert "requirements-dev.txt" in test and "chromium" in test and "npm ci" in test
    assert 'CMD ["make", "test"]' in test
    assert "collectstatic" in runtime and "gunicorn" in runtime
    assert "DJANGO_SETTINGS_MODULE=config.settings.production" in runtime


ENV_HELPERS = {"env_bool", "env_int", "env_list", "env_required", "getenv"}


def _names_read_from_the_environment(path: Path) -> set[str]:
    """Variable names a module reads: os.environ[...], os.environ.get/setdefault, env_* helpers."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            on_environ = isinstance(func, ast.Attribute) and ast.unparse(func.value) == "os.environ"
            if called in ENV_HELPERS or (on_environ and called in {"get", "setdefault"}):
                names.add(node.args[0].value)
        if (
            isinstance(node, ast.Subscript)
            and ast.unparse(node.value) == "os.environ"
            and isinstance(node.slice, ast.Constant)
        ):
            names.add(node.slice.value)
    return names


def test_every_setting_the_code_or_the_stack_reads_is_in_env_example():
    read = set()
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if any(part in NOT_SETTINGS for part in parts) or path.name == "test.py":
            continue
        read |= _names_read_from_the_environment(path)
    read |= set(re.findall(r"\$\{(\w+)", (ROOT / "docker-compose.yml").read_text()))
    # What the nginx template reads (upload-limit.envsh derives the rest from the app's limits).
    template = (ROOT / "deploy/nginx/templates/default.conf.template").read_text()
    read |= set(re.findall(r"\$\{([A-Z]\w+)\}", template)) - {
        "UPLOAD_BODY_MAX_BYTES",
        "UPLOAD_BODY_MAX_TEXT",
    }
    read |= set(
        re.findall(r"\$\{?(\w+)", (ROOT / "scripts" / "container-entrypoint.sh").read_text())
    )
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert {
        "DJANGO_SECRET_KEY",
        "MONGODB_URI",
        "THROTTLE_LOGIN_ACCOUNT",
        "GUNICORN_WORKERS",
    } <= read
    assert not sorted(read - listed), "missing from .env.example"


def test_env_example_asks_for_the_secrets_and_holds_none():
    text = (ROOT / ".env.example").read_text()
    set_lines = re.findall(r"^([A-Z][A-Z0-9_]+)=(.*)$", text, re.M)
    assert set_lines == [("DJANGO_SECRET_KEY", ""), ("POSTGRES_PASSWORD", "")]


def run_tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_the_compose_check_uses_the_vendored_specification_and_catches_mistakes(tmp_path):
    check = [str(TOOLS / "check-jsonschema"), "--builtin-schema", "vendor.compose-spec"]
    assert run_tool(*check, "docker-compose.yml").returncode == 0
    broken = tmp_path / "docker-compose.yml"
    text = (ROOT / "docker-compose.yml").read_text()
    broken.write_text(text.replace("    healthcheck:\n", "    helthcheck:\n", 1))
    result = run_tool(*check, str(broken))
    assert result.returncode != 0 and "helthcheck" in result.stdout


def test_the_dockerfile_lint_catches_mistakes(tmp_path):
    hadolint = str(TOOLS / "hadolint")
    assert run_tool(hadolint, "Dockerfile").returncode == 0
    broken = tmp_path / "Dockerfile"
    text = (ROOT / "Dockerfile").read_text()
    broken.write_text(text.replace("WORKDIR /app", "RUN cd /app && sudo true", 1))
    result = run_tool(hadolint, "--no-color", str(broken))
    assert result.returncode != 0
    assert "DL3003" in result.stdout and "DL3004" in result.stdout


def workflow() -> dict:
    return yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text())


def test_the_ci_workflow_lints_and_runs_the_suite_in_memory_and_on_a_mongodb_replica_set():
    jobs = workflow()["jobs"]
    assert set(jobs) == {"lint", "test", "test-mongodb"}
    steps = {
        name: "\n".join(step.get("run", "") for step in job["steps"]) for name, job in jobs.items()
    }
    assert "make lint" in steps["lint"] and "lint-imports" in steps["lint"]
    assert "bash .ci/run" in steps["test"] and "MONGODB_URI" not in steps["test"]
    mongo = steps["test-mongodb"]
    assert "--replSet rs0" in mongo and "rs.initiate(" in mongo and "isWritablePrimary" in mongo
    assert "MONGODB_URI=mongodb://127.0.0.1:27017/?replicaSet=rs0" in mongo
    assert mongo.index("rs.initiate(") < mongo.index("bash .ci/run")
    images = workflow()["env"]
    assert re.fullmatch(r"mongo:7\.\d+\.\d+", images["MONGO_IMAGE"])
    assert re.fullmatch(r"python:3\.11\.\d+-bookworm", images["DEBIAN_IMAGE"])
    for job in jobs.values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+\.\d+\.\d+", step["uses"]), step["uses"]


def test_the_workflow_check_uses_the_vendored_schema_and_catches_mistakes(tmp_path):
    check = [str(TOOLS / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows"]
    assert run_tool(*check, ".github/workflows/ci.yml").returncode == 0
    broken = tmp_path / "ci.yml"
    text = (ROOT / ".github/workflows/ci.yml").read_text()
    broken.write_text(text.replace("runs-on:", "run-on:", 1))
    assert run_tool(*check, str(broken)).returncode != 0


def test_the_suite_in_the_stack_stays_documented_beside_the_workflow():
    readme = (ROOT / "README.md").read_text()
    assert "docker compose run --rm --build test" in readme
    assert ".github/workflows/ci.yml" in readme
