# Production image: the same code for web, worker and beat (docker-compose.yml).
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.12-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 RWG_DATA_DIR=/data
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 postgresql-client \
    fonts-noto-core \
    && rm -rf /var/lib/apt/lists/* && useradd --create-home --uid 1000 rwg
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock
COPY --from=assets /app/node_modules ./node_modules
COPY . .
RUN RWG_SECRET_KEY=build-only RWG_DATA_DIR=/app/build python manage.py rwg_compilemessages \
    && RWG_SECRET_KEY=build-only RWG_DATA_DIR=/app/build python manage.py collectstatic --no-input -v0 \
    && mkdir -p /data && chown rwg /data
ENV RWG_STATIC_ROOT=/app/build/static
USER rwg
EXPOSE 8000
CMD ["gunicorn", "rwg_portal.wsgi", "-c", "gunicorn.conf.py"]
