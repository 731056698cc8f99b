"""The benchmark's register: built once with `demo-data`, reused while its seed,
sizes and schema are the same.

A ward of Thành phố Hồ Chí Minh, its chairman's account (who signs in at the
startup measure) and the identity vault, created before the demo data so the
denouncers are sealed as in a real office.  A folder is used only once its
build finished (`ready.json`); an interrupted build is started again.
"""

from __future__ import annotations

import json
import secrets
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_dir

from tiepdan_desktop.db.migrate import SCHEMA_HEAD
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import Role
from tiepdan_desktop.domain.records import NewUser, SetupRequest
from tiepdan_desktop.paths import DataPaths
from tiepdan_desktop.services import accounts, setup, vault
from tiepdan_desktop.services.demo_data import generate_demo_data
from tiepdan_desktop.storage import Storage, open_storage

CHAIRMAN = "chu-tich"
READY_FILE = "ready.json"


@dataclass(frozen=True)
class Size:
    visits: int
    letters: int


FULL = Size(200_000, 100_000)
QUICK = Size(20_000, 10_000)


@dataclass(frozen=True)
class BenchDatabase:
    paths: DataPaths
    size: Size
    seed: int
    password: str  # the chairman's (a random one per build, kept in ready.json)
    built_in: float  # seconds the build took (0 when reused)

    def open(self) -> Storage:
        return open_storage(self.paths)

    def sign_in(self, storage: Storage) -> Actor:
        return accounts.authenticate(storage.context(), CHAIRMAN, self.password)


def default_cache() -> Path:
    return Path(user_cache_dir("tiepdan-bench", appauthor=False))


def folder_for(cache: Path, size: Size, seed: int) -> Path:
    return cache / f"seed{seed}-visits{size.visits}-letters{size.letters}-{SCHEMA_HEAD}"


def prepare(
    cache: Path, size: Size, seed: int, say: Callable[[str], None] = print
) -> BenchDatabase:
    """The register of `size` and `seed`: the one built earlier, or a new one."""
    folder = folder_for(cache, size, seed)
    ready = folder / READY_FILE
    if ready.is_file():
        stored = json.loads(ready.read_text(encoding="utf-8"))
        return BenchDatabase(DataPaths(folder), size, seed, stored["password"], 0.0)
    if folder.exists():
        shutil.rmtree(folder)  # an interrupted build
    say(f"Đang tạo CSDL đo: {size.visits:,} lượt tiếp, {size.letters:,} đơn (một lần)…")
    started = time.perf_counter()
    paths = DataPaths(folder)
    password = _build(paths, size, seed)
    built_in = time.perf_counter() - started
    ready.write_text(json.dumps({"password": password, "seconds": built_in}), encoding="utf-8")
    ready.chmod(0o600)
    return BenchDatabase(paths, size, seed, password, built_in)


def _build(paths: DataPaths, size: Size, seed: int) -> str:
    storage = open_storage(paths)
    try:
        context = storage.context()
        password = "Bench-" + secrets.token_urlsafe(12)
        setup.initialize(
            context,
            SetupRequest(
                "UBND phường Bến Thành",
                79,
                26743,
                "Nguyễn Văn Thành",
                "quantri",
                "Trần Thị Quản Trị",
                password,
            ),
        )
        admin = accounts.authenticate(context, "quantri", password)
        accounts.create_user(
            context, admin, NewUser(CHAIRMAN, "Nguyễn Văn Thành", Role.LEADER, password + "-0")
        )
        chairman = accounts.authenticate(context, CHAIRMAN, password + "-0")
        accounts.change_own_password(context, chairman, password + "-0", password)
        vault.create_vault(context, chairman, password)
        generate_demo_data(
            context, Actor.command_line(), visits=size.visits, letters=size.letters, seed=seed
        )
    finally:
        storage.close()
    return password
