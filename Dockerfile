# A thin mirror of the README setup: the same script installs the same pins.
FROM python:3.11-slim-bookworm
WORKDIR /app
# Pass a CPU wheel index for torch with --build-arg TORCH_INDEX_URL=... to keep the image small.
ARG TORCH_INDEX_URL=
COPY . /app
RUN bash scripts/setup.sh
ENV PATH="/app/.venv/bin:$PATH"
EXPOSE 8000
CMD ["transalign", "serve", "--host", "0.0.0.0", "--port", "8000", "--data-dir", "/data"]
