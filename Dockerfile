# A thin mirror of the README setup: the same script installs the same pins.
FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends make && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . /app
RUN bash scripts/setup.sh
ENV PATH="/app/.venv/bin:$PATH"
EXPOSE 8000
CMD ["transalign", "--help"]
