"""A progress bar on stderr, only when stderr is a terminal (never in pipes
or files). tqdm draws it when installed (``pip install 'mrrc[progress]'``);
otherwise a plain one-line counter does."""

import os
import sys
import time


def wanted(setting):
    """--progress/--no-progress, or (None) whether stderr is a terminal."""
    if setting is not None:
        return setting
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _columns():
    """The terminal's width (0 when it does not say: a new pseudo-terminal)."""
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 0


class _Plain:
    """records and bytes so far, redrawn at most five times a second."""

    def __init__(self, total, description):
        self.total = total
        self.description = description
        self.records = 0
        self.bytes = 0
        self.started = self.drawn = time.monotonic()
        self.stream = sys.stderr  # the terminal (sys.stderr is replaced while records are read)

    def update(self, records, nbytes):
        self.records += records
        self.bytes += nbytes
        now = time.monotonic()
        if now - self.drawn >= 0.2:
            self.drawn = now
            self._draw(now)

    def _draw(self, now, end="\r"):
        rate = self.records / max(now - self.started, 1e-9)
        done = f" {100 * self.bytes / self.total:5.1f}%" if self.total and self.bytes else ""
        self.stream.write(f"{self.description}{done} {self.records:,} records ({rate:,.0f}/s){end}")
        self.stream.flush()

    def close(self):
        self._draw(time.monotonic(), end="\n")


class _Tqdm:
    def __init__(self, tqdm, total, description):
        self.bar = tqdm(total=total or None, unit="B" if total else " records", unit_scale=True,
                        desc=description, file=sys.stderr, leave=True,
                        **({} if _columns() else {"ncols": 80, "nrows": 24}))
        self.by_bytes = bool(total)
        self.records = 0

    def update(self, records, nbytes):
        self.records += records
        self.bar.update(nbytes if self.by_bytes else records)
        if self.by_bytes and self.records % 4096 == 0:
            self.bar.set_postfix_str(f"{self.records:,} records", refresh=False)

    def close(self):
        if self.by_bytes:
            self.bar.set_postfix_str(f"{self.records:,} records", refresh=False)
        self.bar.close()


class Progress:
    """What the commands call: ``bar = Progress(enabled, inputs)``, then
    ``bar.update(records, nbytes)`` per item (as the ``progress`` callback of
    ``Input.records``) and ``bar.close()``. Disabled, it does nothing."""

    def __init__(self, enabled, total=None, description="mrrc"):
        self.enabled = enabled
        self._bar = None
        if enabled:
            try:
                from tqdm import tqdm
            except ImportError:
                self._bar = _Plain(total, description)
            else:
                self._bar = _Tqdm(tqdm, total, description)

    def callback(self, input_format):
        """The per-item callback for an input, or None when disabled. Sizes
        come from ISO 2709 leaders (the bar's total is set only when every
        input is ISO 2709); other formats count records."""
        del input_format  # the same callback serves every format
        return None if self._bar is None else self._bar.update

    def close(self):
        if self._bar is not None:
            self._bar.close()
            self._bar = None
