"""Structured logs: one JSON object per line.

Only the fields named in ``SAFE_FIELDS`` leave the process; a log call cannot leak a form, a
national ID or a secret by passing it in ``extra`` by mistake.
"""

import json
import logging
from datetime import UTC, datetime

SAFE_FIELDS = ("method", "path", "status", "duration_ms", "user_id", "request_id", "event")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in SAFE_FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
