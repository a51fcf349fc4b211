"""A lock so that cron can never run two harvests of one database at once."""
import fcntl
import os
from contextlib import contextmanager


class Locked(Exception):
    pass


@contextmanager
def harvest_lock(db_path):
    """Hold `<db>.harvest.lock` for the duration; raise Locked at once if another process holds it.
    The kernel releases the lock when the process dies, so a killed harvest never leaves it stuck."""
    path = f"{os.path.abspath(db_path)}.harvest.lock"
    handle = open(path, "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise Locked(f"another kb harvest is running on {db_path} (pid {holder}; lock {path})") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()
