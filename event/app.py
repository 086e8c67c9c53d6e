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
from litestar.stores.file import FileStore
from litestar.template import TemplateConfig

from event.controllers.actor import set_request_actor
from event.controllers.admin import AdminApi, AdminPages
from event.controllers.admin_submissions import AdminSubmissions
from event.controllers.agenda import ProgrammeFeeds, ProgrammePages
from event.controllers.auth import AuthPages
from event.controllers.desk import BadgeAdminPages, DeskPages
from event.controllers.pages import PublicPages
from event.controllers.publication import PublicationPages
from event.controllers.registrations_api import RegistrationApi
from event.controllers.schedule import ScheduleApi, SchedulePages
from event.controllers.submission_pages import SubmissionPages
from event.controllers.submissions_api import submissions_router
from event.controllers.unit_pages import UnitPages
from event.controllers.venues import PresentationPages, VenuePages
from event.db import bind, close_pool, engine_from_url, open_pool
from event.http_errors import EXCEPTION_HANDLERS
from event.ratelimit import rate_limit
from event.security import csrf_config, session_config
from event.services.events import EventCache, EventInfo
from event.services.programme import ProgrammeCache
from event.settings import Settings, load_settings
from event.templating import configure_jinja

HERE = Path(__file__).resolve().parent


async def provide_event(state: State) -> EventInfo:
    """The current event for a handler that asks for `event` (cached for a second)."""
    return await state.event_cache.get()


def create_app(settings: Settings | None = None) -> Litestar:
    """The web application for these settings (from the environment when not given)."""
    settings = settings or load_settings()
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
    return Litestar(
        route_handlers=[
            RegistrationApi,
            submissions_router,
            AdminApi,
            PublicPages,
            AuthPages,
            AdminPages,
            ScheduleApi,
            SchedulePages,
            VenuePages,
            PresentationPages,
            DeskPages,
            BadgeAdminPages,
            ProgrammePages,
            ProgrammeFeeds,
            PublicationPages,
            AdminSubmissions,
            SubmissionPages,
            UnitPages,
            create_static_files_router(path="/static", directories=[HERE / "static"]),
        ],
        lifespan=[database],
        before_request=set_request_actor,
        state=State(
            {
                "event_cache": EventCache(ttl=1.0),
                "settings": settings,
                "programme_cache": ProgrammeCache(ttl=1.0),
            }
        ),
        request_max_body_size=25 * 1024 * 1024,
        dependencies={"event": Provide(provide_event)},
        exception_handlers=EXCEPTION_HANDLERS,
        csrf_config=csrf_config(settings),
        middleware=[
            m.middleware for m in (sessions, rate_limit(settings.rate_limit)) if m is not None
        ],
        stores={  # files: shared by every worker process (login lockouts count across them)
            name: FileStore(settings.data_dir / name, create_directories=True)
            for name in ("sessions", "login_attempts")
        },
        template_config=TemplateConfig(
            directory=HERE / "templates",
            engine=JinjaTemplateEngine,
            engine_callback=configure_jinja,
        ),
        openapi_config=OpenAPIConfig(
            title="qcconf 全国机械工业QC小组、质量信得过班组和质量品牌故事交流活动", version="0.1.0"
        ),
        # Litestar logs INFO from every library; WeasyPrint and fontTools narrate each PDF there.
        logging_config=LoggingConfig(
            loggers={name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")}
        ),
        debug=settings.debug,
    )
