# syntax=docker/dockerfile:1
# Build: docker build -t receptionist .   Run with PostgreSQL and Redis: docker compose up (compose.yaml).
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY requirements.lock /tmp/requirements.lock
# The runtime lock only (every package pinned with its hashes): test and lint tools
# (requirements-dev.lock) stay out of the image.
RUN python -m venv /venv && /venv/bin/pip install --require-hashes --no-deps -r /tmp/requirements.lock

FROM python:3.11-slim
ENV PATH="/venv/bin:$PATH" PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PORT=8000 \
    DATABASE_URL=sqlite:////data/db.sqlite3 SECRET_KEY_FILE=/data/.secret_key
RUN groupadd --system app && useradd --system --gid app --home /app app \
    && mkdir /data && chown app:app /data
COPY --from=build /venv /venv
WORKDIR /app
# Code and static files belong to root: the server runs as app and cannot rewrite them.
COPY . /app
# A broken static pipeline fails the build, not the first request (a throwaway key: the
# settings refuse to load on a short or placeholder one).
RUN SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" python manage.py collectstatic --noinput -v0 \
    && python -m compileall -q /app
USER app
# Without DATABASE_URL: SQLite in /data, where a volume keeps it (docker run -v …:/data).
EXPOSE 8000
# Ask with a host the server accepts (the first of ALLOWED_HOSTS): the probe is not a browser.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import os, urllib.request as u; h = os.environ.get('ALLOWED_HOSTS', '').split(',')[0].strip().lstrip('.'); h = 'localhost' if h in ('', '*') else h; u.urlopen(u.Request('http://127.0.0.1:%s/health' % os.environ['PORT'], headers={'Host': h}), timeout=4)"
CMD ["sh", "-c", "python manage.py migrate --noinput && exec daphne -b 0.0.0.0 -p ${PORT} receptionist.asgi:application"]
