"""Entry point of ``python -m deploy`` (see :mod:`deploy.cli`)."""

from __future__ import annotations

from deploy.cli import main

raise SystemExit(main())
