# StreamSphere's image. Targets:
#   runtime (the default, last): gunicorn web (WSGI) and events (ASGI), Celery workers and
#            beat, with ffmpeg.
#   test: the same plus the dev requirements, Chromium and the browser tests' hls.js, so that
#         `make test` runs inside the stack against its MongoDB and Redis.
FROM python:3.11-slim-bookworm AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

# Debian's own builds, updated with the release's security fixes: versions are not pinned.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*

RUN python -m venv /opt/venv \
    && useradd --create-home --uid 1000 --user-group app

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt


FROM base AS test

# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium make nginx nodejs npm redis-server \
    && rm -rf /var/lib/apt/lists/*

COPY requirements-dev.txt .
RUN pip install --no-cache-dir -r requirements-dev.txt
COPY tests/browser/player/package.json tests/browser/player/package-lock.json tests/browser/player/
RUN npm ci --prefix tests/browser/player --no-audit --no-fund

COPY . .
# Tell make that the requirements and hls.js are installed (they are, above).
ENV VENV=/opt/venv
RUN touch /opt/venv/.installed tests/browser/player/node_modules/.package-lock.json \
    && chown -R app:app /app
USER 1000:1000

ENTRYPOINT ["/app/scripts/container-entrypoint.sh"]
CMD ["make", "test"]


FROM base AS runtime

ENV DJANGO_SETTINGS_MODULE=config.settings.production
COPY . .
RUN mkdir -p /app/var/static /data /metrics \
    && DJANGO_SECRET_KEY=collectstatic-only MONGODB_URI=mongomock://localhost/build \
       REDIS_URL=redis://localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 \
       python manage.py collectstatic --noinput \
    && chown -R app:app /app/var /data /metrics
USER 1000:1000

EXPOSE 8000
ENTRYPOINT ["/app/scripts/container-entrypoint.sh"]
CMD ["gunicorn", "config.wsgi:application", "--config", "config/gunicorn.py"]
