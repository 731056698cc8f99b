"""Fixture ladder: data folder → migrated database → services → a user of each role.

Qt runs offscreen in every test; UI fixtures live in tests/ui/conftest.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Offscreen Qt, on a screen the size of a typical office PC (1366×768).
_SCREEN = Path(__file__).parent / "offscreen-screen.json"
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")

from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402
from argon2 import PasswordHasher  # noqa: E402

from tiepdan_desktop.domain.actor import Actor  # noqa: E402
from tiepdan_desktop.domain.enums import Role  # noqa: E402
from tiepdan_desktop.domain.identity_vault import KdfCost  # noqa: E402
from tiepdan_desktop.domain.records import NewUser, SetupRequest, UnitInfo  # noqa: E402
from tiepdan_desktop.paths import DataPaths  # noqa: E402
from tiepdan_desktop.services import accounts, setup, vault  # noqa: E402
from tiepdan_desktop.services.context import ServiceContext  # noqa: E402
from tiepdan_desktop.services.vault import VaultCreated  # noqa: E402
from tiepdan_desktop.storage import Storage, open_storage  # noqa: E402

PASSWORD = "Mat-khau-2026"
TEMPORARY_PASSWORD = "Tam-thoi-2026"
ADMIN_USERNAME = "quantri"
# Bến Thành ward, Hồ Chí Minh City, in the two-tier list.
PROVINCE_CODE, WARD_CODE = 79, 26743
# Cheap argon2id parameters: tests hash many passwords; the app uses the defaults.
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
FAST_VAULT_KDF = KdfCost(passes=1, memory_kib=1024)


def setup_request(**changes: object) -> SetupRequest:
    values: dict[str, object] = {
        "unit_name": "UBND phường Bến Thành",
        "province_code": PROVINCE_CODE,
        "ward_code": WARD_CODE,
        "chairman_name": "Nguyễn Văn Thành",
        "admin_username": ADMIN_USERNAME,
        "admin_full_name": "Trần Thị Quản Trị",
        "admin_password": PASSWORD,
    }
    values.update(changes)
    return SetupRequest(**values)  # type: ignore[arg-type]


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data").ensure()


@pytest.fixture
def storage(data_paths: DataPaths) -> Iterator[Storage]:
    opened = open_storage(data_paths)
    yield opened
    opened.close()


@pytest.fixture
def services(storage: Storage) -> ServiceContext:
    context = storage.context()
    context.password_hasher = FAST_HASHER
    context.vault_kdf = FAST_VAULT_KDF
    return context


@pytest.fixture
def unit(services: ServiceContext) -> UnitInfo:
    return setup.initialize(services, setup_request())


@pytest.fixture
def signed_in(services: ServiceContext, unit: UnitInfo) -> tuple[dict[Role, Actor], VaultCreated]:
    """A signed-in account of every role, each past its first password change, and
    the vault, which the chairman (the leader) creates at their first sign-in and
    so holds its first key."""
    admin = accounts.authenticate(services, ADMIN_USERNAME, PASSWORD)
    actors = {Role.ADMIN: admin}
    for role in Role:
        if role is Role.ADMIN:
            continue
        username = f"nguoidung-{role.value}"
        new = NewUser(username, f"Người dùng {role.label}", role, TEMPORARY_PASSWORD)
        accounts.create_user(services, admin, new)
        actor = accounts.authenticate(services, username, TEMPORARY_PASSWORD)
        accounts.change_own_password(services, actor, TEMPORARY_PASSWORD, PASSWORD)
        actors[role] = actor
    return actors, vault.create_vault(services, actors[Role.LEADER], PASSWORD)


def chairman_creates_vault(services: ServiceContext, admin: Actor) -> tuple[Actor, VaultCreated]:
    """For a register set up without the fixtures: the administrator adds the
    chairman's account, whose first sign-in creates the vault."""
    new = NewUser("chutich", "Nguyễn Văn Thành", Role.LEADER, TEMPORARY_PASSWORD)
    accounts.create_user(services, admin, new)
    chairman = accounts.authenticate(services, "chutich", TEMPORARY_PASSWORD)
    accounts.change_own_password(services, chairman, TEMPORARY_PASSWORD, PASSWORD)
    return chairman, vault.create_vault(services, chairman, PASSWORD)


@pytest.fixture
def actors(signed_in: tuple[dict[Role, Actor], VaultCreated]) -> dict[Role, Actor]:
    return signed_in[0]


@pytest.fixture
def vault_created(signed_in: tuple[dict[Role, Actor], VaultCreated]) -> VaultCreated:
    return signed_in[1]


@pytest.fixture
def admin(actors: dict[Role, Actor]) -> Actor:
    return actors[Role.ADMIN]


@pytest.fixture
def officer(actors: dict[Role, Actor]) -> Actor:
    return actors[Role.OFFICER]


@pytest.fixture
def leader(actors: dict[Role, Actor]) -> Actor:
    return actors[Role.LEADER]


@pytest.fixture
def custodian(leader: Actor) -> Actor:
    """The leader, who created the vault and holds its key."""
    return leader


_EXIT_STATUS = pytest.StashKey[int]()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    session.config.stash[_EXIT_STATUS] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """End the process with pytest's own status once every plugin is done (the
    coverage data is saved by then).  The hundreds of windows, dialogs and
    controllers the UI tests leave behind would otherwise be destroyed by
    Python's interpreter shutdown in an order Qt does not expect, which now and
    then aborts a run whose tests all passed."""
    if "PySide6.QtWidgets" not in sys.modules:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(config.stash.get(_EXIT_STATUS, 0))
