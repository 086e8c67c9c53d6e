"""create_app(settings) → the Litestar application."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from litestar import Litestar
from litestar.datastructures import State
from litestar.di import Provide
from litestar.logging import LoggingConfig
from litestar.openapi import OpenAPIConfig
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template import TemplateConfig

from event.admin.routes import ROUTES as ADMIN
from event.current import EventCache, EventInfo
from event.datadir import ensure_writable
from event.db import bind, close_pool, engine_from_url, open_pool
from event.desk.routes import ROUTES as DESK
from event.http_errors import EXCEPTION_HANDLERS
from event.judging.routes import ROUTES as JUDGING
from event.messages.delivery import lifespan as message_delivery
from event.messages.routes import ROUTES as MESSAGES
from event.programme.routes import ROUTES as PROGRAMME
from event.programme.schedule_pages import hand_back_runs
from event.programme.service import ProgrammeCache
from event.ratelimit import rate_limit
from event.registration.routes import ROUTES as REGISTRATION
from event.security import csrf_config, session_config
from event.settings import Settings, load_settings
from event.stores import app_stores, purging
from event.submissions.routes import ROUTES as SUBMISSIONS
from event.templating import configure_jinja
from event.units.routes import ROUTES as UNITS
from event.web import api_docs
from event.web.actor import emit_domain_events, set_request_actor
from event.web.headers import security_headers

HERE = Path(__file__).resolve().parent
WINGS = (
    "registration",
    "submissions",
    "programme",
    "desk",
    "admin",
    "messages",
    "judging",
    "units",
)


async def provide_event(state: State) -> EventInfo:
    """The current event for a handler that asks for `event` (cached for a second)."""
    return await state.event_cache.get()


def create_app(settings: Settings | None = None) -> Litestar:
    """The web application for these settings (from the environment when not given)."""
    settings = settings or load_settings()
    ensure_writable(settings.data_dir)  # fails closed, with a log line, before serving anything
    engine = engine_from_url(settings.database_url)

    @asynccontextmanager
    async def database(_: Litestar) -> AsyncIterator[None]:
        bind(engine)
        await open_pool(engine, settings.pg_pool_size)
        # Everything imported so far lives as long as the process: move it out of the cyclic
        # collector's way, or each full collection (~300k objects, 50-120 ms) stalls requests.
        gc.freeze()
        try:
            yield
        finally:
            await close_pool(engine)

    sessions = session_config(settings)
    app = Litestar(
        route_handlers=[
            api_docs.assets_router(),
            *REGISTRATION,
            *SUBMISSIONS,
            *PROGRAMME,
            *DESK,
            *ADMIN,
            *MESSAGES,
            *JUDGING,
            *UNITS,
            create_static_files_router(path="/static", directories=[HERE / "static"]),
        ],
        lifespan=[database, message_delivery, purging],
        on_shutdown=[hand_back_runs],
        before_request=set_request_actor,
        after_request=emit_domain_events,
        state=State(
            {
                "event_cache": EventCache(ttl=1.0),
                "settings": settings,
                "programme_cache": ProgrammeCache(ttl=1.0, settings=settings),
            }
        ),
        request_max_body_size=25 * 1024 * 1024,
        dependencies={"event": Provide(provide_event)},
        exception_handlers=EXCEPTION_HANDLERS,
        csrf_config=csrf_config(settings),
        middleware=[
            m.middleware for m in (sessions, rate_limit(settings.rate_limit)) if m is not None
        ],
        stores=app_stores(settings),
        template_config=TemplateConfig(
            directory=[HERE / "templates", *(HERE / wing / "templates" for wing in WINGS)],
            engine=JinjaTemplateEngine,
            engine_callback=configure_jinja,
        ),
        openapi_config=OpenAPIConfig(
            title="qcconf 全国机械工业QC小组、质量信得过班组和质量品牌故事交流活动",
            version="0.1.0",
            render_plugins=api_docs.render_plugins(),
        ),
        # Litestar logs INFO from every library; WeasyPrint and fontTools narrate each PDF there.
        logging_config=LoggingConfig(
            loggers={name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")}
        ),
        debug=settings.debug,
    )
    # Outside the router: unmatched paths (404) get the headers and the log line too.
    app.asgi_handler = security_headers(app.asgi_handler)
    return app
