# sohoa: one image for the API, the workers and the inbox watcher.
#   docker build -t sohoa .
#   docker compose up -d --scale worker=4
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    OMP_THREAD_LIMIT=1 \
    SOHOA_HOME=/var/lib/sohoa

# OCR (Tesseract + Vietnamese), PDF rasterizing, the fonts the PDF/A and the stamp embed.
# build-essential/libtesseract-dev/pkg-config only for building tesserocr; removed afterwards.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd \
      poppler-utils libzbar0 fonts-liberation2 fonts-ocr-b \
      libgl1 libglib2.0-0 \
      build-essential pkg-config libtesseract-dev libleptonica-dev \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml setup.py README.md alembic.ini ./
COPY sohoa ./sohoa
COPY models ./models
COPY ingest ./ingest
COPY pipeline ./pipeline
COPY extractors ./extractors
COPY signing ./signing
COPY api ./api
COPY samples ./samples
RUN pip install . \
 && apt-get purge -y build-essential pkg-config libtesseract-dev libleptonica-dev \
 && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*

RUN useradd --system --uid 10001 --home-dir /var/lib/sohoa --create-home sohoa
USER sohoa
EXPOSE 8000

# Default: the API.  The worker service runs `sohoa worker -n 1` (scale with --scale worker=N).
CMD ["sohoa", "serve", "--host", "0.0.0.0", "--port", "8000"]
