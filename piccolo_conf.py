"""Piccolo's configuration: the engine from QCCONF_DATABASE_URL and the app registry."""

from piccolo.conf.apps import AppRegistry

from event.db import engine_from_url
from event.settings import load_settings

DB = engine_from_url(load_settings().database_url)

APP_REGISTRY = AppRegistry(apps=["event.piccolo_app"])
