"""`transalign serve`: run the HTTP API under uvicorn."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from transalign.api.settings import DEFAULT_DATA_DIR, Settings, default_workers, keys_from_env, pair_delay_from_env, store_from
from transalign.errors import InputError


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register `serve`; its `func(args)` runs the server until it is stopped."""
    parser = subparsers.add_parser("serve", help="run the HTTP API (see /docs for its OpenAPI description)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback only)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=None,
                        help=f"worker processes running alignments, each loading the model once (default: the CPUs, {default_workers()} here)")
    parser.add_argument("--data-dir", type=Path, default=Path(os.environ.get("TRANSALIGN_DATA_DIR") or DEFAULT_DATA_DIR),
                        help=f"where the SQLite job store lives (default: $TRANSALIGN_DATA_DIR or {DEFAULT_DATA_DIR})")
    parser.add_argument("--store", default=os.environ.get("TRANSALIGN_STORE"), metavar="postgresql://…",
                        help="keep jobs in this PostgreSQL database, shared by every server given it (default: $TRANSALIGN_STORE, else SQLite in --data-dir)")
    parser.add_argument("--lease", type=float, default=60.0,
                        help="seconds before a pair claimed by a server that stopped answering is claimed again (PostgreSQL store; default 60)")
    parser.add_argument("--model", help="translation model: hub id, registry name or local folder")
    parser.add_argument("--engine", default="auto", choices=("auto", "transformers", "ct2"))
    parser.add_argument("--no-model", action="store_true", help="align and check without a machine rendering")
    parser.add_argument("--source-lang", default="ar", help="language pair the shared model is loaded for")
    parser.add_argument("--target-lang", default="en")
    parser.add_argument("--queue-limit", type=int, default=1000, help="queued pairs before new jobs get 429")
    parser.add_argument("--max-sync-bytes", type=int, default=1_000_000, help="largest POST /v1/align body (413 above)")
    parser.add_argument("--max-job-bytes", type=int, default=50_000_000, help="largest POST /v1/jobs body")
    parser.add_argument("--sync-timeout", type=float, default=60.0, help="seconds a synchronous alignment may take")
    parser.add_argument("--cors-origin", action="append", default=[], help="allow this browser origin (CORS is off by default)")
    parser.set_defaults(func=run)
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    if args.workers is not None and args.workers < 1:
        raise InputError("--workers", f"{args.workers}", expected="1 or more worker processes")
    if args.lease <= 0:
        raise InputError("--lease", f"{args.lease:g}", expected="a positive number of seconds")
    return Settings(
        data_dir=args.data_dir,
        workers=args.workers or default_workers(),
        store=store_from(args.store),
        lease=args.lease,
        queue_limit=args.queue_limit,
        max_sync_bytes=args.max_sync_bytes,
        max_job_bytes=args.max_job_bytes,
        sync_timeout=args.sync_timeout,
        api_key_hashes=keys_from_env(),
        cors_origins=tuple(args.cors_origin),
        model=args.model,
        engine=args.engine,
        use_model=not args.no_model,
        source_lang=args.source_lang,
        target_lang=args.target_lang,
        pair_delay=pair_delay_from_env(),
    )


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from transalign.api.app import create_app

    settings = settings_from(args)
    if settings.use_model and settings.model:  # a model the operator named must load, or the server does not start
        from transalign.translate import load_translator

        load_translator(settings.model, settings.engine, source_lang=settings.source_lang, target_lang=settings.target_lang)
    app = create_app(settings)
    uvicorn.run(app, host=args.host, port=args.port, access_log=False, log_level="info", timeout_keep_alive=5)
    return 0
