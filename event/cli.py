"""The `qcconf` command."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from event.desk.cli import add_badges_parser
from event.judging.cli import add_judges_parser
from event.messages.cli import add_worker_parser
from event.programme.cli import add_programme_parsers
from event.programme.cli_schedule import add_schedule_parser
from event.settings import load_settings


def _migrate(_: argparse.Namespace) -> int:
    from event.migrate import migrate

    migrate()
    return 0


def _demo(args: argparse.Namespace) -> int:
    from event.demo.build import load_demo

    return asyncio.run(load_demo(args.size, if_empty=args.if_empty))


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    settings = load_settings()
    uvicorn.run(
        "event.app:create_app",
        factory=True,
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=args.workers,
        log_level="info",
        access_log=False,  # its lines hold the path, private links included: qcconf.access logs
    )
    return 0


def _user_add(args: argparse.Namespace) -> int:
    from event.admin.accounts import add_account
    from event.enums import Role
    from event.errors import DomainError
    from event.session import database

    password = args.password or os.environ.get("QCCONF_PASSWORD") or getpass.getpass("密码：")

    async def run() -> None:
        async with database():
            await add_account(args.name, password, Role(args.role))

    try:
        asyncio.run(run())
    except DomainError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    print(f"已创建账号 {args.name}（{Role(args.role).label}）")
    return 0


def _user_change(args: argparse.Namespace) -> int:
    """`user passwd NAME` / `user disable NAME`: either ends the account's open sessions."""
    from event.admin import accounts
    from event.errors import DomainError
    from event.session import database

    password = ""
    if args.user_command == "passwd":
        password = (args.password or os.environ.get("QCCONF_PASSWORD")
                    or getpass.getpass("新密码："))  # fmt: skip

    async def run() -> None:
        async with database():
            if args.user_command == "passwd":
                await accounts.set_password(args.name, password)
            else:
                await accounts.disable(args.name)

    try:
        asyncio.run(run())
    except DomainError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    done = "已修改密码" if args.user_command == "passwd" else "已停用"
    print(f"{done}：{args.name}（该账号已登录的会话均已失效）")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from event.backup import backup

    manifest = backup(load_settings(), args.out)
    print(f"已备份（{manifest['database']}）到 {args.out}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from event.backup import restore

    try:
        manifest = restore(load_settings(), args.archive)
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    print(f"已从 {args.archive} 恢复（备份时间 {manifest['created_at']}）")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qcconf", description="全国机械工业QC小组交流活动会务系统"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="run the migrations").set_defaults(run=_migrate)
    backup = sub.add_parser("backup", help="the database and uploaded scans in one .tar.gz")
    backup.add_argument("--out", type=Path, required=True)
    backup.set_defaults(run=_backup)
    restore = sub.add_parser("restore", help="replace the database and uploads from a backup")
    restore.add_argument("archive", type=Path)
    restore.set_defaults(run=_restore)
    demo = sub.add_parser("demo", help="load a synthetic, realistic demo event")
    demo.add_argument("--size", choices=["small", "full"], default="small")
    demo.add_argument("--if-empty", action="store_true", help="only when no event exists yet")
    demo.set_defaults(run=_demo)
    serve = sub.add_parser("serve", help="serve the web application")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(run=_serve)
    user = sub.add_parser("user", help="accounts").add_subparsers(
        dest="user_command", required=True
    )
    add = user.add_parser("add", help="create an organiser or staff account")
    add.add_argument("name")
    add.add_argument("--role", choices=["organiser", "staff"], default="organiser")
    add.add_argument("--password", help="else QCCONF_PASSWORD or a prompt")
    add.set_defaults(run=_user_add)
    passwd = user.add_parser("passwd", help="set a new password; ends the account's sessions")
    passwd.add_argument("name")
    passwd.add_argument("--password", help="else QCCONF_PASSWORD or a prompt")
    passwd.set_defaults(run=_user_change)
    disable = user.add_parser("disable", help="disable an account; ends its sessions")
    disable.add_argument("name")
    disable.set_defaults(run=_user_change)
    add_schedule_parser(sub)
    add_programme_parsers(sub)  # after it: adds `schedule publish`
    add_badges_parser(sub)
    add_worker_parser(sub)
    add_judges_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from event.audit import set_actor
    from event.datadir import private_files

    private_files()  # files 0600, folders 0700: they hold personal data and keys
    args = build_parser().parse_args(argv)
    # The audit log names who acted; organisers read it, so in words, not the command line.
    set_actor("系统（演示数据）" if args.command == "demo" else "系统（服务器命令）")
    if not getattr(args, "reads_only", False):  # its changes must queue their messages
        from event.messages import subscribe

        subscribe()
    run: Callable[[argparse.Namespace], int] = args.run
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
