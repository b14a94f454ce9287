"""`transalign review`: its arguments, apart from the app, so that the command line starts
without importing FastAPI (server.py) unless this command runs."""

from __future__ import annotations

import argparse
from pathlib import Path

from transalign.errors import InputError


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("review", help="review a batch's flags in the browser: serves OUT_DIR's pairs, index first")
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="the --out folder of `transalign batch`")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback only)")
    parser.add_argument("--port", type=int, default=8100)
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from transalign.review.server import create_app

    if not args.out_dir.is_dir():
        raise InputError(str(args.out_dir), "is not a folder", expected="the --out folder of `transalign batch`")
    print(f"transalign review: http://{args.host}:{args.port}/ serves {args.out_dir}", flush=True)
    uvicorn.run(create_app(args.out_dir), host=args.host, port=args.port, access_log=False, log_level="warning")
    return 0
