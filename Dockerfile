# Rotaplan for a trust's infrastructure team: one image that serves the site with gunicorn
# under production settings and, with another command, runs the background worker
# (compose.yaml runs both, with PostgreSQL). Every command here is one `make serve` runs
# and the production test runs before it fetches every page as each role
# (tests/production/commands.py); tests/unit/deployment checks they stay the same.

# The front-end files the pages load (frontend/build.mjs): the NHS.UK frontend's styles
# without its public web font, its script and icons, and htmx.
FROM node:20-bookworm-slim AS frontend
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-fund --no-audit
COPY frontend/ frontend/
RUN npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH \
    ROTAPLAN_ENV=production \
    STATIC_ROOT=/app/staticfiles \
    HOST=0.0.0.0 \
    PORT=8000
WORKDIR /app
# The locked packages first, so that a change of code alone reuses this layer.
COPY requirements.lock ./
RUN python -m venv /opt/venv \
    && python -m pip install --no-cache-dir -r requirements.lock
COPY pyproject.toml README.md manage.py ./
COPY src/ src/
RUN python -m pip install --no-cache-dir --no-deps -e .
COPY --from=frontend /app/build/static build/static
# The settings refuse to start without a secret and hosts; collecting files needs neither,
# so these stand in for this one command and are not kept in the image. The files belong
# to root: the user the site runs as reads them and can change nothing in /app.
RUN SECRET_KEY=collectstatic-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz \
    ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput \
    && groupadd --system --gid 10001 rotaplan \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin rotaplan
USER 10001:10001
EXPOSE 8000
CMD ["gunicorn", "--config", "python:rotaplan.gunicorn_conf", "rotaplan.wsgi"]
